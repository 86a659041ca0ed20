"""Frames hand-written job output as a raw GitLab CI job trace.

The job's own output (what the script printed) is written by hand, per case;
this module adds what the runner prints around it, byte for byte as a raw
trace has it (GET /projects/:id/jobs/:job_id/trace): the preamble
(`Running with gitlab-runner …`, executor, image pulls, services, git
checkout, cache), the section markers (`section_start:<ts>:<name>\\r\\x1b[0K`),
the runner's colours, the command echo (`\\x1b[32;1m$ cmd\\x1b[0;m`),
after_script, artifact upload, and the ending (`ERROR: Job failed: …`).
Optionally each line gets the FF_TIMESTAMPS prefix of runner 17
(`2024-10-07T05:01:12.170446Z 01O `).

In a body, a line starting with "$ " is a command the runner echoes; every
other line is printed as is (it may carry the tool's own ANSI codes).

Used to write eval/remediation/validation/; see the README there.
"""
import datetime
import hashlib
import random

ESC = "\x1b"
CLEAR = f"{ESC}[0K"
RESET = f"{ESC}[0;m"


def _sha(seed):
    return hashlib.sha256(seed.encode()).hexdigest()


def _short(seed, n=8):
    return _sha(seed)[:n]


class _Clock:
    def __init__(self, start, rng):
        self.t = start
        self.rng = rng

    def tick(self, lo=0, hi=3):
        self.t += self.rng.randint(lo, hi)
        return self.t


def _command(cmd):
    return f"{ESC}[32;1m$ {cmd}{RESET}"


def _green(text):
    return f"{ESC}[32;1m{text}{RESET}"


def _header(title):
    return f"{CLEAR}{ESC}[36;1m{title}{RESET}{RESET}"


def job_log(
    case_id,
    body,
    *,
    project,
    image,
    start,
    runner_version=("17.5.3", "12030cf4"),
    runner_name="gitlab-runner-docker-2",
    executor="docker",
    services=(),
    ref="main",
    depth=20,
    cache=None,
    after_script=(),
    artifacts=(),
    ending="exit code 1",
    timestamps=False,
    prepare_failure=None,
    sources_failure=None,
    feature_flags=None,
):
    """One raw job trace; `body` is the step_script output (str).

    `prepare_failure` / `sources_failure`: lines that end the job while the
    runner prepares the executor (image pull) or fetches the sources.
    """
    rng = random.Random(case_id)
    clock = _Clock(start, rng)
    runner_id = "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789_-") for _ in range(8))
    system_id = "s_" + _short(case_id + "sys", 12)
    project_id = rng.randint(1000, 9000)
    lines = []
    out = lines.append

    def section(name, title):
        return f"section_start:{clock.tick()}:{name}\r{CLEAR}{_header(title)}"

    def end(name):
        return f"section_end:{clock.tick(0, 1)}:{name}\r{CLEAR}"

    version, revision = runner_version
    out(f"{CLEAR}Running with gitlab-runner {version} ({revision}){RESET}")
    out(f"{CLEAR}  on {runner_name} {runner_id}, system ID: {system_id}{RESET}")
    if feature_flags:
        out(f"{CLEAR}  feature flags: {feature_flags}{RESET}")
    out(section("prepare_executor", f'Preparing the "{executor}" executor'))
    digest = lambda name: f"sha256:{_sha(name + case_id)}"
    if executor == "docker":
        out(f"{CLEAR}Using Docker executor with image {image} ...{RESET}")
        for svc in services:
            out(f"{CLEAR}Starting service {svc} ...{RESET}")
            out(f"{CLEAR}Pulling docker image {svc} ...{RESET}")
            base = svc.split(":")[0]
            out(f"{CLEAR}Using docker image {digest(svc)} for {svc} with digest {base}@{digest(svc + 'd')} ...{RESET}")
        if services:
            out(f"{CLEAR}Waiting for services to be up and running (timeout 30 seconds)...{RESET}")
        out(f"{CLEAR}Pulling docker image {image} ...{RESET}")
        if prepare_failure:
            lines.extend(prepare_failure)
            return _finish(lines, timestamps, start, rng)
        base = image.split(":")[0]
        image_line = f"{CLEAR}Using docker image {digest(image)} for {image} with digest {base}@{digest(image + 'd')} ...{RESET}"
        out(image_line)
    elif executor == "kubernetes":
        out(f"{CLEAR}Using Kubernetes namespace: gitlab-runner{RESET}")
        out(f"{CLEAR}Using Kubernetes executor with image {image} ...{RESET}")
        out(f"{CLEAR}Using attach strategy to execute scripts...{RESET}")
        image_line = None
    else:
        out(f"{CLEAR}Using Shell (bash) executor...{RESET}")
        image_line = None
    pod = f"runner-{runner_id.lower()}-project-{project_id}-concurrent-{rng.randint(0, 3)}"
    out(end("prepare_executor") + section("prepare_script", "Preparing environment"))
    if executor == "kubernetes":
        pod += "-" + _short(case_id + "pod")
        out("Using FF_USE_POD_ACTIVE_DEADLINE_SECONDS, the Pod activeDeadlineSeconds will be set to the job timeout: 1h0m0s...")
        out(f"Waiting for pod gitlab-runner/{pod} to be running, status is Pending")
        out(f"Running on {pod} via {runner_name}...")
    elif executor == "shell":
        out(f"Running on {runner_name}...")
    else:
        out(f"Running on {pod} via {runner_name}...")
    out(end("prepare_script") + section("get_sources", "Getting source from Git repository"))
    if rng.random() < 0.6:
        out("Gitaly correlation ID: 01J" + _short(case_id + "gitaly", 23).upper())
    out(_green(f"Fetching changes with git depth set to {depth}..."))
    builds = f"/home/gitlab-runner/builds/{runner_id}/0" if executor == "shell" else "/builds"
    out(f"Initialized empty Git repository in {builds}/{project}/.git/")
    out(_green("Created fresh repository."))
    if sources_failure:
        lines.extend(sources_failure)
        out(end("get_sources") + section("cleanup_file_variables", "Cleaning up project directory and file based variables"))
        out(end("cleanup_file_variables") + f"{ESC}[31;1mERROR: Job failed: {ending}")
        out(RESET)
        return _finish(lines, timestamps, start, rng)
    out(_green(f"Checking out {_short(case_id + 'sha')} as detached HEAD (ref is {ref})..."))
    out("")
    out(_green("Skipping Git submodules setup"))
    last = "get_sources"
    if cache:
        out(end(last) + section("restore_cache", "Restoring cache"))
        out(_green(f"Checking cache for {cache}..."))
        out(f"Downloading cache from https://storage.googleapis.com/gitlab-ci-cache-eu/project/{project_id}/{cache}{RESET}  ETag={_short(case_id + 'etag', 32)}")
        out(_green("Successfully extracted cache"))
        last = "restore_cache"
    out(end(last) + section("step_script", 'Executing "step_script" stage of the job script'))
    if image_line:
        out(image_line)
    for line in body.strip("\n").split("\n"):
        out(_command(line[2:]) if line.startswith("$ ") else line)
    last = "step_script"
    if after_script:
        out(end(last) + section("after_script", "Running after_script"))
        out(_green("Running after script..."))
        for line in after_script:
            out(_command(line[2:]) if line.startswith("$ ") else line)
        last = "after_script"
    if artifacts:
        out(end(last) + section("upload_artifacts_on_failure", "Uploading artifacts for failed job"))
        for path, kind in artifacts:
            out(_green("Uploading artifacts..."))
            out(f"{path}: found {rng.randint(1, 40)} matching artifact files and directories{RESET} ")
            out(f'Uploading artifacts as "{kind}" to coordinator... 201 Created{RESET}  id={rng.randint(6000000000, 8000000000)} responseStatus=201 Created token=glcbt-64')
        last = "upload_artifacts_on_failure"
    out(end(last) + section("cleanup_file_variables", "Cleaning up project directory and file based variables"))
    out(end("cleanup_file_variables") + f"{ESC}[31;1mERROR: Job failed: {ending}")
    out(RESET)
    return _finish(lines, timestamps, start, rng)


def _finish(lines, timestamps, start, rng):
    if timestamps:
        t = datetime.datetime.fromtimestamp(start, datetime.timezone.utc)
        stamped = []
        for i, line in enumerate(lines):
            t += datetime.timedelta(microseconds=rng.randint(500, 40000))
            stream = "00O" if i < 3 or line.startswith("section_") else "01O"
            stamped.append(f"{t.strftime('%Y-%m-%dT%H:%M:%S.%f')}Z {stream} {line}")
        lines = stamped
    return "\n".join(lines) + "\n"
