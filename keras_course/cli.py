"""The `keras-course` command: list components and run the demo."""

import argparse
import inspect
import sys


def _summary(symbol):
    doc = inspect.getdoc(symbol) or ""
    return doc.splitlines()[0] if doc else ""


def cmd_list(args):
    if args.presets:
        from keras_course.applications import list_presets

        for name, metadata in list_presets().items():
            card = metadata.get("card", {})
            print(f'{name:<36} {metadata["class_name"]}.from_preset("{name}")')
            for field in ("description", "quality"):
                if field in card:
                    print(f"  {card[field]}")
        return 0
    import keras_course
    from keras_course.api_export import REGISTRY

    for namespace in keras_course.NAMESPACES:
        prefix = f"keras_course.{namespace}."
        names = sorted(n for n in REGISTRY if n.startswith(prefix))
        print(f"keras_course.{namespace} ({len(names)})")
        for name in names:
            print(f"  {name[len(prefix) :]:<28} {_summary(REGISTRY[name])}")
    return 0


def cmd_demo(args):
    from keras_course import demo

    names = args.steps or list(demo.STEPS)
    rows = demo.run(names)
    print()
    print(demo.format_table(rows))
    return 0


def build_parser():
    from keras_course import __version__
    from keras_course.demo import STEPS

    parser = argparse.ArgumentParser(
        prog="keras-course",
        description="Course components as reusable Keras 3 building blocks.",
    )
    parser.add_argument(
        "--version", action="version", version=f"keras-course {__version__}"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p_list = sub.add_parser("list", help="list every public component with its summary")
    p_list.add_argument(
        "--presets", action="store_true", help="list the trained presets instead"
    )
    p_list.set_defaults(func=cmd_list)
    steps = "\n".join(f"  {name:<12} {summary}" for name, (summary, _) in STEPS.items())
    p_demo = sub.add_parser(
        "demo",
        help="run a short tour on generated data and compare with the course",
        description="Runs the demo steps (all by default) and prints a table "
        "of results next to the course's numbers.",
        epilog=f"steps:\n{steps}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_demo.add_argument(
        "steps",
        nargs="*",
        metavar="STEP",
        help="steps to run, in order (default: all; see the list below)",
    )
    p_demo.set_defaults(func=cmd_demo)
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from keras_course.demo import STEPS

        unknown = [s for s in args.steps if s not in STEPS]
        if unknown:
            parser.error(
                f"unknown demo step(s) {', '.join(unknown)}; "
                f"choose from {', '.join(STEPS)}"
            )
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
