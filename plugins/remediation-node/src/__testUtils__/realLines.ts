/**
 * Log lines as CI jobs print them, by the playbook rule (`<owner>/<rule>`)
 * that should recognise them. Secret-looking values are assembled at run
 * time elsewhere; none are here.
 */
export const realLines: Record<string, string[]> = {
  'pb-dep-001/module-not-found': [
    "ModuleNotFoundError: No module named 'yaml'",
    "E   ModuleNotFoundError: No module named 'sklearn.ensemble'",
    "ModuleNotFoundError: No module named 'google.protobuf'",
  ],
  'pb-dep-001/no-module-named-quoted': [
    "FAILED tests/test_config.py::test_load - ModuleNotFoundError: No module named 'yaml'",
    "Could not import extension sphinx_rtd_theme (exception: No module named 'sphinx_rtd_theme')",
  ],
  'pb-dep-001/python-m-no-module': [
    '/usr/local/bin/python: No module named pytest',
  ],
  'pb-dep-001/import-error-no-module': [
    'ImportError: No module named yaml',
    "ImportError: No module named 'dateutil'",
  ],
  'pb-dep-002/node-cannot-find-module': [
    "Error: Cannot find module 'express'",
    "Error: Cannot find module '@babel/core/lib/index.js'",
    "Cannot find module 'lodash/fp' from 'src/util.js'",
  ],
  'pb-dep-002/bundler-cannot-resolve': [
    "Module not found: Error: Can't resolve 'axios' in '/builds/shop/web/src'",
    '[vite] Internal server error: Failed to resolve import "@vueuse/core" from "src/App.vue".',
    '✘ [ERROR] Could not resolve "date-fns"',
  ],
  'pb-dep-002/esm-package-not-found': [
    "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'chalk' imported from /builds/cli/index.js",
  ],
  'pb-dep-002/esm-package-not-found-plain': [
    "Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@octokit/rest' imported from /app/x.mjs",
  ],
  'pb-dep-003/pip-resolution-impossible': [
    'ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/',
  ],
  'pb-dep-003/pip-cannot-install': [
    'ERROR: Cannot install flask==2.0.0 and werkzeug==3.0.0 because these package versions have conflicting dependencies.',
  ],
  'pb-dep-003/pip-conflict-requested': ['    The user requested flask==2.0.0'],
  'pb-dep-003/npm-eresolve': [
    'npm ERR! code ERESOLVE',
    'npm error ERESOLVE unable to resolve dependency tree',
    'npm ERR! ERESOLVE could not resolve',
  ],
  'pb-dep-003/poetry-solver': [
    'SolverProblemError',
    'Because app depends on both foo (^1.0) and bar (^2.0), version solving failed.',
  ],
  'pb-dep-003/maven-convergence': [
    'Dependency convergence error for org.slf4j:slf4j-api:1.7.30 paths to dependency are:',
  ],
  'pb-dep-003/maven-enforcer-banner': [
    '[WARNING] Rule 0: org.apache.maven.plugins.enforcer.DependencyConvergence failed with message:',
    '[WARNING] Rule 1: org.apache.maven.enforcer.rules.dependency.RequireUpperBoundDeps failed with message:',
  ],
  'pb-dep-003/gradle-conflict': [
    'Conflict(s) found for the following module(s):',
    "   > Cannot find a version of 'com.google.guava:guava' that satisfies the version constraints:",
  ],
  'pb-dep-003/go-module-conflict': [
    'go: inconsistent vendoring in /builds/svc:',
    'go: updates to go.mod needed; to update it:',
    'ambiguous import: found package github.com/x/y in multiple modules:',
  ],
  'pb-env-001/python-environ-keyerror': [
    "KeyError: 'DATABASE_URL'",
    'E       KeyError: "API_TOKEN"',
  ],
  'pb-env-001/python-environ-lookup': ["    url = os.environ['DATABASE_URL']"],
  'pb-env-001/env-var-not-set': [
    'Error: environment variable STRIPE_KEY is not set',
    'CI/CD variable `DEPLOY_HOST` is missing',
    'Environment variable "SENTRY_DSN" must be set',
  ],
  'pb-env-001/missing-required-env': [
    'Missing required environment variable: DATABASE_URL',
    'error: missing environment variables: REDIS_URL, X',
  ],
  'pb-env-001/shell-unbound': [
    '/builds/app/deploy.sh: line 3: DEPLOY_TOKEN: unbound variable',
    'sh: 1: REGISTRY_USER: parameter not set',
  ],
  'pb-env-001/name-is-not-set': [
    'DATABASE_URL is not set',
    '$AWS_REGION must be set',
    'KUBECONFIG is required but was not provided',
  ],
  'pb-env-001/terraform-required-variable': [
    '│ Error: No value for required variable',
  ],
  'pb-env-001/pydantic-settings-field-required': [
    'pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings',
    '2 validation errors for AppConfig',
  ],
  'pb-env-002/yaml-syntax-in-file': [
    'yaml.scanner.ScannerError: mapping values are not allowed here in "config/app.yaml", line 4, column 9',
  ],
  'pb-env-002/yaml-location': [
    '  in "config/app.yaml", line 4, column 9',
    "  in 'settings.yml', line 12, column 1",
  ],
  'pb-env-002/yaml-exception': [
    'YAMLException: bad indentation of a mapping entry (3:5)',
    'yaml.parser.ParserError: while parsing a block mapping',
    'error converting YAML to JSON: yaml: line 7: did not find expected key',
  ],
  'pb-env-002/json-parse-config': [
    'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 3 column 1 (char 20)',
    'SyntaxError: Unexpected token } in JSON at position 42',
  ],
  'pb-env-002/invalid-config-value': [
    "Error: Invalid value for option '--mode': 'fastest' is not a valid choice",
    'Configuration error: port must be one of 80, 443',
    'Unrecognized option: --colour',
  ],
  'pb-env-002/terraform-invalid-value': [
    '│ Error: Unsupported argument',
    '│ Error: Invalid value for variable',
  ],
  'pb-env-002/gitlab-ci-config': [
    'jobs:build config contains unknown keys: scrpt',
    'This GitLab CI configuration is invalid: jobs:test script config should be a string',
  ],
  'pb-env-002/toml-parse': [
    "tomllib.TOMLDecodeError: Expected '=' after a key in a key/value pair (at line 3, column 5)",
    'toml.decoder.TomlDecodeError: Unbalanced quotes (line 2 column 10 char 15)',
  ],
  'pb-env-002/docker-compose-config': [
    'services.web Additional property buld is not allowed',
  ],
  'pb-infra-001/node-network-codes': [
    'npm ERR! code ETIMEDOUT',
    'Error: connect ECONNREFUSED 127.0.0.1:5432',
    'FetchError: request to https://npm.example.com/x failed, reason: socket hang up',
  ],
  'pb-infra-001/dns': [
    'fatal: unable to access: Could not resolve host: gitlab.example.com',
    'curl: (6) Could not resolve host: files.example.com',
    'dial tcp: lookup proxy.golang.org on 10.0.0.2:53: no such host',
  ],
  'pb-infra-001/timeouts': [
    "pip._vendor.urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool(host='pypi.org', port=443): Read timed out.",
    'dial tcp 10.1.2.3:443: i/o timeout',
    'net/http: TLS handshake timeout',
  ],
  'pb-infra-001/refused-reset': [
    'curl: (7) Failed to connect to nexus.example.com port 443 after 2 ms: Connection refused',
    'read: connection reset by peer',
  ],
  'pb-infra-001/registry-unreachable': [
    "HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/requests/",
    'error pulling image: toomanyrequests: You have reached your pull rate limit.',
    '503 Service Unavailable',
  ],
  'pb-resource-001/node-heap': [
    'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    '<--- JS stacktrace ---> FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed',
  ],
  'pb-resource-001/oom-killed': [
    'Killed',
    'Out of memory: Killed process 4242 (java)',
    'Reason: OOMKilled',
  ],
  'pb-resource-001/exit-code-137': [
    'ERROR: Job failed: exit code 137',
    'error Command failed with exit code 137.',
    'Error: exit status 137',
  ],
  'pb-resource-001/jvm-oom': [
    'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
    'Error occurred during initialization of VM: Could not reserve enough space for object heap',
  ],
  'pb-resource-001/native-oom': [
    'MemoryError',
    'E   MemoryError: Unable to allocate 8.00 GiB for an array',
    'fatal error: runtime: out of memory',
    "terminate called after throwing an instance of 'std::bad_alloc'",
  ],
  'pb-resource-002/no-space-left': [
    "OSError: [Errno 28] No space left on device: '/tmp/build'",
    'npm ERR! code ENOSPC',
    'write error: No space left on device',
  ],
  'pb-test-001/runner-job-timeout': [
    'ERROR: Job failed: execution took longer than 1h0m0s seconds',
    'ERROR: Job failed: job timed out',
  ],
  'pb-test-001/jest-timeout': [
    '    thrown: "Exceeded timeout of 5000 ms for a test.',
    'Exceeded timeout of 10000ms for a hook.',
  ],
  'pb-test-001/pytest-timeout': ['E   Failed: Timeout >5.0s'],
  'pb-test-001/pytest-timeout-banner': [
    '+++++++++++++++++++++++++++++++++++ Timeout ++++++++++++++++++++++++++++++++++++',
  ],
  'pb-test-001/go-test-timeout': ['panic: test timed out after 10m0s'],
  'pb-test-001/mocha-timeout': [
    '     Error: Timeout of 2000ms exceeded. For async tests and hooks, ensure "done()" is called',
  ],
  'pb-test-001/junit-timeout': [
    'org.junit.runners.model.TestTimedOutException: test timed out after 1000 milliseconds',
  ],
  'pb-test-002/pytest-rerun': [
    'tests/test_api.py::test_checkout RERUN                                   [ 50%]',
    '======= 1 failed, 20 passed, 1 rerun in 3.21s =======',
  ],
  'pb-test-002/flaky-marker': [
    'Flaky test detected: test_payment_retry',
    'test_upload is marked as flaky',
  ],
  'pb-test-002/passed-on-retry': [
    '  ✓ uploads the file (passed on retry)',
    'test_orders PASSED after rerun',
    'Test suite passed on attempt 2',
  ],
  'cls-build-001/tsc': [
    "src/index.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
    "src/app.tsx:3:10 - error TS2305: Module '\"./x\"' has no exported member 'y'.",
  ],
  'cls-build-001/go-build': ['./main.go:12:2: undefined: fooBar'],
  'cls-build-001/javac': [
    'src/main/java/App.java:10: error: cannot find symbol',
    '[ERROR] /builds/app/src/main/java/App.java:[10,5] cannot find symbol',
  ],
  'cls-build-001/javac-banner': [
    '[ERROR] COMPILATION ERROR : ',
    '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project app: Compilation failure',
    'Compilation failed; see the compiler error output for details.',
  ],
  'cls-build-001/kotlin': [
    'e: file:///builds/app/src/main/kotlin/App.kt:10:5 Unresolved reference: foo',
  ],
  'cls-build-001/gcc': [
    "src/main.c:10:5: error: 'x' undeclared (first use in this function)",
    "main.o: undefined reference to `foo'",
    'collect2: error: ld returned 1 exit status',
  ],
  'cls-build-001/rustc': [
    'error[E0425]: cannot find value `x` in this scope',
    'error: could not compile `app` (bin "app") due to 1 previous error',
  ],
  'cls-build-001/python-syntax': [
    'SyntaxError: invalid syntax',
    '    IndentationError: unexpected indent',
  ],
  'cls-build-001/dotnet': [
    "Program.cs(10,5): error CS0103: The name 'foo' does not exist in the current context",
  ],
  'cls-build-001/webpack-vite-syntax': [
    'Module build failed (from ./node_modules/babel-loader/lib/index.js):',
    'ERROR in ./src/index.tsx 12:4',
  ],
  'cls-lint-001/eslint-summary': ['✖ 3 problems (3 errors, 0 warnings)'],
  'cls-lint-001/eslint-line': [
    "  12:5  error  'x' is assigned a value but never used  no-unused-vars",
  ],
  'cls-lint-001/flake8-pycodestyle': [
    'app/main.py:10:80: E501 line too long (88 > 79 characters)',
  ],
  'cls-lint-001/ruff': [
    'Found 4 errors.',
    'would reformat src/app.py',
    'Oh no! 💥 💔 💥 2 files would be reformatted, 10 files would be left unchanged.',
  ],
  'cls-lint-001/golangci': [
    'main.go:12:2: Error return value is not checked (errcheck)',
  ],
  'cls-lint-001/prettier': [
    '[warn] Code style issues found in 2 files. Forgot to run Prettier?',
  ],
  'cls-lint-001/stylelint-hadolint-shellcheck': [
    'Dockerfile:3 DL3008 warning: Pin versions in apt get install',
    'deploy.sh:5:1: warning: Double quote to prevent globbing. [SC2086]',
  ],
  'cls-lint-001/mypy': [
    'app/models.py:10: error: Incompatible types in assignment  [assignment]',
    'Found 2 errors in 1 file (checked 10 source files)',
  ],
  'cls-lint-001/lint-script-failed': [
    'npm ERR! app@1.0.0 lint: `eslint .`',
    'golangci-lint run failed',
  ],
  'cls-test-001/pytest-failed-test': [
    'FAILED tests/test_orders.py::test_total - assert 3 == 4',
  ],
  'cls-test-001/pytest-assert': ['E       assert 3 == 4', 'E   AssertionError'],
  'cls-test-001/pytest-summary': ['===== 1 failed, 41 passed in 2.31s ====='],
  'cls-test-001/jest-failure': [
    '  ● Checkout › applies the discount',
    'Tests:       1 failed, 12 passed, 13 total',
  ],
  'cls-test-001/jest-expect': [
    '    expect(received).toBe(expected) // Object.is equality',
    '    expect(received).toEqual(expected) // deep equality',
  ],
  'cls-test-001/go-test-message': ['    orders_test.go:34: got 3, want 4'],
  'cls-test-001/go-test-fail': ['--- FAIL: TestTotal (0.00s)'],
  'cls-test-001/go-test-package': [
    'FAIL\tgithub.com/shop/orders\t0.012s',
    'FAIL\tgithub.com/shop/payments [build failed]',
  ],
  'cls-test-001/junit': [
    'Tests run: 12, Failures: 1, Errors: 0, Skipped: 0',
    '[ERROR] There are test failures.',
  ],
  'cls-test-001/junit-assertion': [
    'org.opentest4j.AssertionFailedError: expected: <3> but was: <4>',
    'junit.framework.ComparisonFailure: expected:<[foo]> but was:<[bar]>',
    'java.lang.AssertionError: expected:<3> but was:<4>',
  ],
  'cls-test-001/mocha-vitest': [
    '  2 failing',
    'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
    ' Test Files  1 failed | 3 passed (4)',
  ],
  'cls-test-001/generic-assertion': [
    'AssertionError: expected 3 to equal 4',
    'Assertion failed: (x == 4), function main, file main.c, line 5.',
  ],
};

/** Lines no rule should take for a failure. */
export const innocentLines: string[] = [
  'Running with gitlab-runner 17.5.0 (12030cf4)',
  '$ pip install -r requirements.txt',
  'Collecting requests==2.31.0',
  'Successfully installed requests-2.31.0',
  'tests/test_orders.py::test_total PASSED                                   [ 10%]',
  '  ✓ renders the checkout summary with 3 items (12 ms)',
  'Compiling 214 source files to /builds/shop/target/classes',
  '2026-11-25T10:00:00.123Z DEBUG orders.service handled request id=8f3a2c status=200',
  'Job succeeded',
  'Uploading artifacts for successful job',
  '#12 [build 4/9] RUN pip install --no-cache-dir -r requirements.txt',
  'Step 5/12 : RUN apt-get update && apt-get install -y curl',
  'added 1432 packages, and audited 1433 packages in 32s',
];
