"""`manage.py guard_report`: the referral guard measured on the labelled set and the fresh sets.

Prints the confusion counts and the figures for the whole labelled set and for each split, then
every mistake with the words that fired (for a false alarm) or the cues that were found but did
not count (for a miss), so a change to the rules can be judged by what it gets wrong. Then, for
each fresh set (written blind to the rules, data/fresh-sets.yaml), its figures now beside the
figures of its first run and the floor the build holds it to; `--fresh-mistakes` lists what it
gets wrong. It exits non-zero when a fresh set falls below its floor.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parent_charter.childrens_services import evaluation


class Command(BaseCommand):
    help = "Measure the referral guard on the labelled evidence set."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(evaluation.LABELLED_SET), help="a labelled YAML file"
        )
        parser.add_argument(
            "--min", type=float, default=None, help="exit non-zero if precision or recall is lower"
        )
        parser.add_argument(
            "--fresh-mistakes", action="store_true", help="list every fresh set's mistakes"
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
        worse = self._fresh_sets(options["fresh_mistakes"])
        minimum = options["min"]
        if minimum is not None and min(overall.precision, overall.recall) < minimum:
            raise CommandError(
                f"Precision {overall.precision:.3f} or recall {overall.recall:.3f} is below "
                f"{minimum}"
            )
        if worse:
            raise CommandError("Below the recorded floor: " + "; ".join(worse))

    def _fresh_sets(self, show_mistakes: bool) -> list[str]:
        out, worse = self.stdout, []
        sets = evaluation.fresh_sets()
        if not sets:
            return worse
        out.write("")
        out.write("Fresh sets (written blind to the rules): now / first run / floor")
        for fresh in sets:
            examples = evaluation.load_fresh(fresh.file)
            scores = evaluation.evaluate_fresh(examples, as_of=fresh.as_of)
            figures = scores.figures()
            out.write("")
            out.write(f"{fresh.name}: {len(examples)} texts, {fresh.written}")
            for name, value in figures.items():
                first = fresh.first_run.get(name, "-")
                floor = fresh.floor.get(name, "-")
                out.write(f"  {name:<28}{value:>7}{first!s:>9}{floor!s:>9}")
            problems = evaluation.below_floor(figures, fresh.floor)
            worse.extend(f"{fresh.name} {problem}" for problem in problems)
            if show_mistakes:
                for example, result in scores.mistakes:
                    out.write(f"  - {example.id} ({example.label}): {example.text}")
                    for finding in result.findings:
                        out.write(f"      fired: {finding.rule} on {finding.words!r}")
        return worse
