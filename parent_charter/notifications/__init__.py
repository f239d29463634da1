"""Messages to staff and notices for parents, raised by the system's own rules."""
