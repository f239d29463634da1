"""The parent portal: invitation, sign-in and everything a parent may see and do."""
