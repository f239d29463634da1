"""Support when parent and child live apart: contact, letter-box, costs, proceedings and grief."""
