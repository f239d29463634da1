"""Access-matrix rows for the network view: only network coordinators see the sign-up map and
the comparison; only a council's administrator decides whether its figures are shared."""

ROWS = {
    "network:index": ("network.view_network", {"coordinator"}, {}),
    "network:comparison": ("network.view_network", {"coordinator"}, {}),
    "network:sharing": ("network.change_sharing", {"council_admin"}, {}),
}
