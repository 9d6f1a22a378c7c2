# The AWS CLI (v1), kept running for awsfake.CLI: one JSON request per line
# on stdin ({"args": [...], "cwd": "..."}), one JSON answer per line on the
# protocol stream ({"stdout", "stderr": base64 of the bytes the CLI wrote,
# "code": its exit code}). It does what the aws script does (the LC_CTYPE
# fix, then awscli.clidriver) but builds the driver once. Its one argument
# is the path of the aws script, argv[0] of every command (argparse names
# the program after it in its errors).
import base64
import io
import json
import os
import sys
import traceback

script = sys.argv[1]
sys.argv = [script]

# The protocol gets its own copy of fd 1; fd 1 itself then goes to stderr,
# so anything written straight to it can never corrupt an answer.
protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)

if os.environ.get("LC_CTYPE", "") == "UTF-8":
    os.environ["LC_CTYPE"] = "en_US.UTF-8"
import awscli.clidriver  # noqa: E402

driver = awscli.clidriver.create_clidriver()
protocol.write("ready\n")
protocol.flush()


def exit_code(code, err):
    # What sys.exit(code) would make of it, as the aws script ends.
    if code is None:
        return 0
    if isinstance(code, int):
        return code % 256
    err.write(str(code) + "\n")
    return 1


for line in sys.stdin:
    try:
        req = json.loads(line)
        os.chdir(req["cwd"])
        sys.argv = [script] + req["args"]
        # The encodings and error handlers Python gives sys.stdout and
        # sys.stderr under PYTHONIOENCODING=utf-8.
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True)
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            code = driver.main(req["args"])
        except SystemExit as e:
            code = e.code
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout, sys.stderr = saved
        code = exit_code(code, err)
        answer = {
            "stdout": base64.b64encode(out.buffer.getvalue()).decode(),
            "stderr": base64.b64encode(err.buffer.getvalue()).decode(),
            "code": code,
        }
    except Exception as e:  # the driver's own failure
        answer = {"error": "%s: %s" % (type(e).__name__, e)}
    protocol.write(json.dumps(answer) + "\n")
    protocol.flush()
