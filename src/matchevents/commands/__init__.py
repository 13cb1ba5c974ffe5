"""Subcommands of ``matchevents`` that belong to no subsystem of their own.

This package is the CLI layer, beside :mod:`matchevents.cli`: each module parses one command's
arguments, calls :mod:`matchevents.reports` or :mod:`matchevents.teams`, prints and chooses the
exit status, and has a ``register(subparsers)`` that :func:`matchevents.cli.build_parser` calls.
``import`` and ``follow`` live beside what they drive (:mod:`matchevents.importers.command`,
:mod:`matchevents.live.command`); ``team`` drives the reports and ``clubs`` the club registry,
which must never parse arguments nor import the CLI, so their commands live here.
:mod:`matchevents.commands.common` holds what several commands share (the exit statuses, the
printers, ``--until``, ``--teams``), once.
"""
