"""Staff pages for a parent living apart from a child, by sub-area: `arrangements` (the
living-apart page, contact and sessions), `letterbox`, `claims` (costs of contact),
`proceedings` and `grief`. Case workers read; advisers and managers record; managers decide
claims."""
