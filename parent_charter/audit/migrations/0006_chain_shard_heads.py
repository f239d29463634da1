"""Give every chain of before shards its shards' heads (docs/adr/0026-audit-chain-shards.md).

Nothing is rewritten: a council's existing chain keeps its name, its events and its head, and
is its shard 0, verified as before. Only the heads of its other shards are added, each at the
start of an empty chain, so that its staff spread over them from the first event after the
upgrade (a writer makes missing heads itself only when every existing one is held).
"""

from django.conf import settings
from django.db import migrations

GENESIS_HASH = "0" * 64


def add_shard_heads(apps, schema_editor):
    head = apps.get_model("audit", "AuditChainHead")
    shards = max(1, settings.PARENT_CHARTER_AUDIT_CHAIN_SHARDS)
    first_chains = [
        name for name in head.objects.values_list("chain", flat=True) if "/" not in name
    ]
    head.objects.bulk_create(
        [
            head(chain=f"{chain}/{shard}", seq=0, hash=GENESIS_HASH)
            for chain in first_chains
            for shard in range(1, shards)
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_backfill_event_parent")]

    operations = [migrations.RunPython(add_shard_heads, migrations.RunPython.noop)]
