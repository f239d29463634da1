"""Demo: each demo council's column mapping, so the example files import straight away.

Welsh councils get the Mosaic shape, the others Liquidlogic's (the example files in
caseimport/data/). A mapping the administrator has saved is left as it is.
"""

from django_scopes import scope

from parent_charter.caseimport import services
from parent_charter.caseimport.forms import PRESETS
from parent_charter.caseimport.models import ColumnMapping


def seed(council) -> str:
    preset = "mosaic" if council.nation == "wales" else "liquidlogic"
    with scope(council=council.pk):
        if ColumnMapping.objects.filter(council=council).exists():
            return ""
        services.mapping_save(council=council, actor=None, **PRESETS[preset])
    return f"column mapping for {PRESETS[preset]['system_name']} files"
