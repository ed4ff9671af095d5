"""Check every ``aws`` command of the labs' shell scripts offline, with the AWS CLI's own parser.

Run with the labs' Python (it imports ``awscli``)::

    .venv-labs/bin/python tests/labtools/cli_check.py labs/ec2/commands.sh [...]

For each ``aws`` invocation (also inside ``$( … )``, loops and pipes) the script's shell variables are
replaced by placeholders, ``$WORK`` by a scratch folder holding a copy of the lab's files, and the
command goes through the real CLI driver: an option the operation does not have fails in the CLI's
argument parser, a value of the wrong type or shape fails botocore's parameter validation.  Nothing
is sent: a ``before-call`` hook records the operation and its parameters, checks them once more
with ``botocore.validate.validate_parameters`` against the service model, and stops the call.

Prints one JSON object per command (file, line, command, service, operation, params, error) as a
JSON list on standard output; exit status 1 if any command has an error.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

#: Commands that make no AWS request: accepted as long as the CLI parses them.
LOCAL_COMMANDS = {("configure", "get")}

_AWS = re.compile(r"(?:(?<=^)|(?<=[\s(|;&]))aws(?=\s)")


#: A shell redirection such as ``2>/dev/null`` (not part of the command's arguments).
_REDIRECT = re.compile(r"\s\d*[<>]&?\S+")


class _Stop(Exception):
    """Raised by the before-call hook: the request was recorded and must not be sent."""


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, line) with backslash-newline continuations joined; comments dropped."""
    out, buf, start = [], "", 0
    for number, line in enumerate(text.splitlines(), 1):
        if not buf:
            start = number
            if line.lstrip().startswith("#"):
                continue
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        out.append((start, buf + line))
        buf = ""
    if buf:
        out.append((start, buf))
    return out


def invocations(line: str) -> list[str]:
    """Every ``aws …`` command in a shell line, cut at the first unquoted ``|``, ``;``, ``&``
    or unmatched ``)``."""
    found = []
    for m in _AWS.finditer(line):
        depth, quote, i = 0, None, m.start()
        while i < len(line):
            c = line[i]
            if quote:
                if c == quote:
                    quote = None
                elif c == "\\" and quote == '"':
                    i += 1
            elif c in "'\"":
                quote = c
            elif line.startswith("$(", i):
                depth += 1
                i += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            elif c in "|;&" and depth == 0:
                break
            i += 1
        if not _inside_quotes(line, m.start()):
            found.append(line[m.start():i].strip())
    return found


def _inside_quotes(line: str, pos: int) -> bool:
    quote = None
    for c in line[:pos]:
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
    return quote == "'"


def placeholder(name: str, work: Path) -> str:
    """A stand-in value for the shell variable ``name``."""
    if name == "WORK":
        return str(work)
    if name.endswith("_ARN"):
        return "arn:aws:iam::123456789012:role/placeholder"
    if name == "ACCOUNT_ID":
        return "123456789012"
    if name in ("REGION", "AWS_DEFAULT_REGION"):
        return "us-east-1"
    if name == "BUDGET_USD":
        return "10"
    return f"placeholder-{name.lower()}"


def expand(command: str, work: Path) -> str:
    """Replace command substitutions and variables by placeholders (quotes are kept)."""
    while "$(" in command:
        start = command.index("$(")
        depth, i = 0, start
        while i < len(command):
            if command.startswith("$(", i):
                depth += 1
                i += 1
            elif command[i] == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        command = command[:start] + "placeholder-substitution" + command[i + 1:]

    def braced(m: re.Match) -> str:
        name, op, word = m["name"], m["op"], m["word"]
        return word if op == ":-" else placeholder(name, work)

    command = re.sub(r"\$\{(?P<name>\w+)(?:(?P<op>:[-?])(?P<word>[^}]*))?\}", braced, command)
    command = re.sub(r"\$(\w+)", lambda m: placeholder(m[1], work), command)
    return _REDIRECT.sub("", command)


def _prepare(work: Path, lab: Path) -> None:
    """Copy the lab's files into the scratch folder, as the scripts' own steps would make them."""
    for path in lab.iterdir():
        if path.is_file():
            shutil.copy(path, work / path.name)
    with zipfile.ZipFile(work / "function.zip", "w") as zf:
        zf.writestr("handler.py", "")


class Checker:
    """One CLI driver whose hooks record each command's operation and parameters and stop the call."""

    def __init__(self):
        from awscli.clidriver import create_clidriver

        self.driver = create_clidriver()
        self.driver.session.register("before-parameter-build", self._before_parameter_build)
        self.driver.session.register("before-call", self._before_call)
        self.record: dict = {}
        self._params: dict = {}

    def _before_parameter_build(self, params, model, **kwargs):
        self._params = params
        self.record["params"] = json.loads(json.dumps(params, default=repr))

    def _before_call(self, model, **kwargs):
        from botocore.validate import validate_parameters

        self.record["service"] = model.service_model.service_name
        self.record["operation"] = model.name
        try:
            validate_parameters(self._params, model.input_shape)
        except Exception as exc:  # botocore.exceptions.ParamValidationError
            self.record["error"] = str(exc)
        raise _Stop()

    def check(self, argv: list[str], cwd: Path) -> dict:
        """Run one command through the CLI driver without sending it; return what was recorded."""
        self.record, self._params = {}, {}
        out, err = io.StringIO(), io.StringIO()
        old = Path.cwd()
        os.chdir(cwd)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    rc = self.driver.main(argv)
                except SystemExit as exit:  # argparse's own exit on a missing required argument
                    rc = exit.code
        finally:
            os.chdir(old)
        if "operation" in self.record:
            return self.record
        if tuple(argv[:2]) in LOCAL_COMMANDS and rc in (0, 1):
            return {"service": argv[0], "operation": argv[1], "params": {}}
        message = err.getvalue().strip() or out.getvalue().strip() or f"exit status {rc}"
        return {"error": message}


def check_script(path: Path, checker: Checker) -> list[dict]:
    """Every ``aws`` command of one script, each with ``error`` when the CLI or botocore refused it."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _prepare(work, path.parent)
        for number, line in logical_lines(path.read_text(encoding="utf-8")):
            for command in invocations(line):
                argv = shlex.split(expand(command, work))[1:]
                result = {"file": str(path), "line": number, "command": command}
                result.update(checker.check(argv, path.parent))
                results.append(result)
    return results


def main(argv: list[str]) -> int:
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                      AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE=os.devnull,
                      AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_PAGER="")
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.pop("AWS_PROFILE", None)
    checker = Checker()
    results = [r for name in argv for r in check_script(Path(name).resolve(), checker)]
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
