"""`manage.py guard_report`: the referral guard's precision and recall on the labelled set.

Prints the confusion counts and the figures for the whole set and for each split, then every
mistake with the words that fired (for a false alarm) or the cues that were found but did not
count (for a miss), so a change to the rules can be judged by what it gets wrong.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parent_charter.safeguards import evaluation


class Command(BaseCommand):
    help = "Measure the referral guard on the labelled evidence set."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(evaluation.LABELLED_SET), help="a labelled YAML file"
        )
        parser.add_argument(
            "--min", type=float, default=None, help="exit non-zero if precision or recall is lower"
        )

    def handle(self, *args, **options):
        try:
            examples = evaluation.load(Path(options["file"]))
        except (OSError, evaluation.LabelledSetError) as error:
            raise CommandError(str(error)) from None
        overall, by_split = evaluation.evaluate(examples)
        out = self.stdout
        out.write(f"Labelled set: {len(examples)} texts ({options['file']})")
        out.write("")
        out.write(
            f"{'':<12}{'texts':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}"
            f"{'precision':>11}{'recall':>8}{'F1':>7}"
        )
        for name, scores in [*sorted(by_split.items()), ("all", overall)]:
            out.write(
                f"{name:<12}{scores.total:>6}{scores.tp:>5}{scores.fp:>5}{scores.fn:>5}"
                f"{scores.tn:>5}{scores.precision:>11.3f}{scores.recall:>8.3f}{scores.f1:>7.3f}"
            )
        out.write("")
        if not overall.mistakes:
            out.write("No mistakes.")
        for mistake in overall.mistakes:
            example, result = mistake.example, mistake.result
            out.write(f"- entry {example.index} ({example.split}), {mistake.kind}: {example.text}")
            if example.note:
                out.write(f"    label note: {example.note}")
            for finding in result.findings:
                out.write(f"    fired: {finding.rule} on {finding.words!r} at {finding.start}")
            for cue in result.discounted:
                out.write(f"    not counted ({cue.reason}): {cue.rule} on {cue.words!r}")
        minimum = options["min"]
        if minimum is not None and min(overall.precision, overall.recall) < minimum:
            raise CommandError(
                f"Precision {overall.precision:.3f} or recall {overall.recall:.3f} is below "
                f"{minimum}"
            )
