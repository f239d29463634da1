"""What apps contribute to shared pages, filled in from each app's AppConfig.ready().

The pages that show the contributions (the staff parent page, the staff start page, the
parent's portal home and subject-access download, notifications, the stage derivation) read
these registries; the apps that contribute import only these modules, never the app that owns
the page. So domain apps do not depend on each other through a shared page (CONTRIBUTING.md,
"Where code may import from").
"""
