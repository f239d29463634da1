// Copied as-is into static/build/ by scripts/build-frontend.sh; pages work without it.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

initAll()
