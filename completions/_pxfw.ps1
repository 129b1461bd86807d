
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pxfw' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pxfw'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pxfw' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('quickstart', 'quickstart', [CompletionResultType]::ParameterValue, 'Start a one-machine pxfw cluster and deploy the example service in it (`--down` removes it)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Configure, list, attach and remove clusters (shared with the DC/OS CLI''s ~/.dcos)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in and out of the current cluster')
            [CompletionResult]::new('repo', 'repo', [CompletionResultType]::ParameterValue, 'Manage the package repositories of the cluster')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the cluster''s package repositories')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe a package, or (without PKG) the configuration of the installed service')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install a package as a service')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List installed services')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update a service''s configuration or package version, and follow the rollout')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Change the number of pods of a service''s pod type')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Uninstall a service')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove what a DC/OS service left behind (reservations, volumes, frameworks, znode, Portworx volumes)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show and steer a service''s rollout plans (deploy, recovery, custom plans)')
            [CompletionResult]::new('pod', 'pod', [CompletionResultType]::ParameterValue, 'Show, restart and replace a service''s pods')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'Show a service''s endpoints (all names, or one endpoint''s addresses)')
            [CompletionResult]::new('endpoint', 'endpoint', [CompletionResultType]::ParameterValue, 'Show a service''s endpoints (all names, or one endpoint''s addresses)')
            [CompletionResult]::new('debug', 'debug', [CompletionResultType]::ParameterValue, 'Inspect a service''s configurations and state, and pause or resume pods for debugging')
            [CompletionResult]::new('spec', 'spec', [CompletionResultType]::ParameterValue, 'Validate and render service specs (svc.yml) offline')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Add and list services on a pxfw server (from a svc.yml, without a package)')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Consistency-group snapshots of a whole service, with hooks; restore and clone them')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Node maintenance on a pxfw control plane: drain, undrain, declare lost, list')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Run one node (agent) of a pxfw cluster')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the embedded control plane (serves the DC/OS APIs pxfw uses, plus the agent API)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;quickstart' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the example to deploy')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--down', '--down', [CompletionResultType]::ParameterName, 'Stop the quickstart cluster and remove everything it created (data and volumes included)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;cluster' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured clusters')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Make a cluster the current one')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the nodes of a pxfw control plane, their racks, leases and health')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a cluster''s configuration (and its stored token)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;cluster;setup' {
            [CompletionResult]::new('--cluster-name', '--cluster-name', [CompletionResultType]::ParameterName, 'A name for the cluster (default: its name in Mesos, else its ID)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Verify TLS against this PEM CA bundle (copied into the cluster''s directory)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Skip TLS verification (only on a network you trust)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;cluster;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;cluster;attach' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;cluster;status' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;cluster;remove' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;cluster;help' {
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured clusters')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Make a cluster the current one')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the nodes of a pxfw control plane, their racks, leases and health')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a cluster''s configuration (and its stored token)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;cluster;help;setup' {
            break
        }
        'pxfw;cluster;help;list' {
            break
        }
        'pxfw;cluster;help;attach' {
            break
        }
        'pxfw;cluster;help;status' {
            break
        }
        'pxfw;cluster;help;remove' {
            break
        }
        'pxfw;cluster;help;help' {
            break
        }
        'pxfw;auth' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether a token is stored for the current cluster and whether the cluster accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the current cluster''s token and service-account credentials')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;auth;login' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User id (default: DCOS_USERNAME, else a prompt)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable instead of prompting')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'Log in as this service account (needs --private-key)')
            [CompletionResult]::new('--private-key', '--private-key', [CompletionResultType]::ParameterName, 'The service account''s RSA private key (PEM)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;auth;status' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;auth;logout' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether a token is stored for the current cluster and whether the cluster accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the current cluster''s token and service-account credentials')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;auth;help;login' {
            break
        }
        'pxfw;auth;help;status' {
            break
        }
        'pxfw;auth;help;logout' {
            break
        }
        'pxfw;auth;help;help' {
            break
        }
        'pxfw;repo' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the repositories in search order')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove repositories by name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;repo;add' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Position in the search order, 0 = searched first (default: last)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;repo;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;repo;remove' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;repo;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the repositories in search order')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove repositories by name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;repo;help;add' {
            break
        }
        'pxfw;repo;help;list' {
            break
        }
        'pxfw;repo;help;remove' {
            break
        }
        'pxfw;repo;help;help' {
            break
        }
        'pxfw;search' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;describe' {
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, 'package-version')
            [CompletionResult]::new('--options', '--options', [CompletionResultType]::ParameterName, 'options')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'set')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'Read the package from this repository (http(s)://, file:// or a path) instead of the cluster: works offline')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Print the package''s options schema')
            [CompletionResult]::new('--render', '--render', [CompletionResultType]::ParameterName, 'Print the Marathon app the package renders to (with --options/--set)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;install' {
            [CompletionResult]::new('--options', '--options', [CompletionResultType]::ParameterName, 'JSON file with the options to install with')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set one option, e.g. --set nodes.count=5 (repeatable; applied after --options)')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, 'package-version')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (e.g. 90s, 15m)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the service''s deploy plan is COMPLETE')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Change the service''s options and/or package version; the scheduler rolls it out via its deploy plan')
            [CompletionResult]::new('package-versions', 'package-versions', [CompletionResultType]::ParameterValue, 'Show the current package version and the versions it can move to')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the rollout (the `deploy` plan) as a tree')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the rollout (the `deploy` plan) as a tree')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause the rollout (the `deploy` plan), optionally one phase')
            [CompletionResult]::new('interrupt', 'interrupt', [CompletionResultType]::ParameterValue, 'Pause the rollout (the `deploy` plan), optionally one phase')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume the paused rollout, optionally one phase')
            [CompletionResult]::new('continue', 'continue', [CompletionResultType]::ParameterValue, 'Resume the paused rollout, optionally one phase')
            [CompletionResult]::new('force-complete', 'force-complete', [CompletionResultType]::ParameterValue, 'Mark a step of the rollout complete')
            [CompletionResult]::new('force', 'force', [CompletionResultType]::ParameterValue, 'Mark a step of the rollout complete')
            [CompletionResult]::new('force-restart', 'force-restart', [CompletionResultType]::ParameterValue, 'Restart the rollout, a phase or a step')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart the rollout, a phase or a step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;update;start' {
            [CompletionResult]::new('--options', '--options', [CompletionResultType]::ParameterName, 'JSON file with the options to change (merged with the stored ones unless --replace)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set one option, e.g. --set nodes.cpus=2 (repeatable)')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, 'package-version')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace the stored options with exactly these (instead of merging)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the deploy plan is COMPLETE')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;package-versions' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;status' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;pause' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;interrupt' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;resume' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;continue' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;force-complete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;force' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;force-restart' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;restart' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;update;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Change the service''s options and/or package version; the scheduler rolls it out via its deploy plan')
            [CompletionResult]::new('package-versions', 'package-versions', [CompletionResultType]::ParameterValue, 'Show the current package version and the versions it can move to')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the rollout (the `deploy` plan) as a tree')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause the rollout (the `deploy` plan), optionally one phase')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume the paused rollout, optionally one phase')
            [CompletionResult]::new('force-complete', 'force-complete', [CompletionResultType]::ParameterValue, 'Mark a step of the rollout complete')
            [CompletionResult]::new('force-restart', 'force-restart', [CompletionResultType]::ParameterValue, 'Restart the rollout, a phase or a step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;update;help;start' {
            break
        }
        'pxfw;update;help;package-versions' {
            break
        }
        'pxfw;update;help;status' {
            break
        }
        'pxfw;update;help;pause' {
            break
        }
        'pxfw;update;help;resume' {
            break
        }
        'pxfw;update;help;force-complete' {
            break
        }
        'pxfw;update;help;force-restart' {
            break
        }
        'pxfw;update;help;help' {
            break
        }
        'pxfw;scale' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'The new number of pods')
            [CompletionResult]::new('--option', '--option', [CompletionResultType]::ParameterName, 'Use this option path for the count instead of deriving it (e.g. nodes.count)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the deploy plan is COMPLETE')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;uninstall' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the app is gone, then report reservations left behind')
            [CompletionResult]::new('--keep-volumes', '--keep-volumes', [CompletionResultType]::ParameterName, 'Keep the service''s volumes (a pxfw server lists them). On DC/OS the SDK never deletes Portworx volumes; `pxfw cleanup --delete-volumes` does')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;cleanup' {
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'The principal the service''s scheduler reserved with (default `<svc>-principal`, the SDK default; give the service account if the service was installed with another)')
            [CompletionResult]::new('--px-endpoint', '--px-endpoint', [CompletionResultType]::ParameterName, 'The Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021): also inventory the service''s Portworx volumes')
            [CompletionResult]::new('--px-token-env', '--px-token-env', [CompletionResultType]::ParameterName, 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)')
            [CompletionResult]::new('--volume-prefix', '--volume-prefix', [CompletionResultType]::ParameterName, 'Also count Portworx volumes named exactly `<PREFIX>-<n>`, or `<PREFIX>` (a shared volume), as the service''s: the fork''s `docker_volume_name`, or upstream `<svc>-<pod type>` / `volume_name`. Volumes labelled for another service are still left alone. Repeatable')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the inventory and what would be done; send no request that changes anything')
            [CompletionResult]::new('--delete-volumes', '--delete-volumes', [CompletionResultType]::ParameterName, 'Also delete the service''s Portworx volumes (detached first; needs --px-endpoint). Without it they are listed and kept')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Clean up even though the service is still installed (its Marathon app exists) or a framework of ours is still active')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the service''s plans (JSON)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a plan as a tree of phases and steps (`--json`: the scheduler''s JSON)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a plan as a tree of phases and steps (`--json`: the scheduler''s JSON)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a plan, passing parameters to its tasks as environment variables')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running plan: pause it and reset every step to PENDING')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts')
            [CompletionResult]::new('interrupt', 'interrupt', [CompletionResultType]::ParameterValue, 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused plan, or one of its phases')
            [CompletionResult]::new('continue', 'continue', [CompletionResultType]::ParameterValue, 'Resume a paused plan, or one of its phases')
            [CompletionResult]::new('force-restart', 'force-restart', [CompletionResultType]::ParameterValue, 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again')
            [CompletionResult]::new('force-complete', 'force-complete', [CompletionResultType]::ParameterValue, 'Mark a step COMPLETE without running it (in the scheduler''s memory only)')
            [CompletionResult]::new('force', 'force', [CompletionResultType]::ParameterValue, 'Mark a step COMPLETE without running it (in the scheduler''s memory only)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;plan;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;status' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between polls with --watch')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep redrawing until the plan completes (Ctrl-C to stop): progress bars per phase on a terminal, otherwise the tree again each time it changes')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;show' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between polls with --watch')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep redrawing until the plan completes (Ctrl-C to stop): progress bars per phase on a terminal, otherwise the tree again each time it changes')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;start' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'A parameter as VAR=value; repeat for several. VAR must be a valid environment variable name')
            [CompletionResult]::new('--params', '--params', [CompletionResultType]::ParameterName, 'A parameter as VAR=value; repeat for several. VAR must be a valid environment variable name')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;stop' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;pause' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;interrupt' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;resume' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;continue' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;force-restart' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;restart' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;force-complete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;force' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;wait' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (e.g. 90s, 15m, 1h30m); without it, wait as long as it takes')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between polls')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;plan;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the service''s plans (JSON)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a plan as a tree of phases and steps (`--json`: the scheduler''s JSON)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a plan, passing parameters to its tasks as environment variables')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running plan: pause it and reset every step to PENDING')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused plan, or one of its phases')
            [CompletionResult]::new('force-restart', 'force-restart', [CompletionResultType]::ParameterValue, 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again')
            [CompletionResult]::new('force-complete', 'force-complete', [CompletionResultType]::ParameterValue, 'Mark a step COMPLETE without running it (in the scheduler''s memory only)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;plan;help;list' {
            break
        }
        'pxfw;plan;help;status' {
            break
        }
        'pxfw;plan;help;start' {
            break
        }
        'pxfw;plan;help;stop' {
            break
        }
        'pxfw;plan;help;pause' {
            break
        }
        'pxfw;plan;help;resume' {
            break
        }
        'pxfw;plan;help;force-restart' {
            break
        }
        'pxfw;plan;help;force-complete' {
            break
        }
        'pxfw;plan;help;wait' {
            break
        }
        'pxfw;plan;help;help' {
            break
        }
        'pxfw;pod' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the pod instances (JSON)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler''s JSON)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the Mesos task information and last status of each task of a pod (JSON)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources')
            [CompletionResult]::new('replace', 'replace', [CompletionResultType]::ParameterValue, 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;pod;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;pod;status' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;pod;info' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;pod;restart' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;pod;replace' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;pod;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the pod instances (JSON)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler''s JSON)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the Mesos task information and last status of each task of a pod (JSON)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources')
            [CompletionResult]::new('replace', 'replace', [CompletionResultType]::ParameterValue, 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;pod;help;list' {
            break
        }
        'pxfw;pod;help;status' {
            break
        }
        'pxfw;pod;help;info' {
            break
        }
        'pxfw;pod;help;restart' {
            break
        }
        'pxfw;pod;help;replace' {
            break
        }
        'pxfw;pod;help;help' {
            break
        }
        'pxfw;endpoints' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;endpoint' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect the service''s configurations (the rendered service specs)')
            [CompletionResult]::new('state', 'state', [CompletionResultType]::ParameterValue, 'Inspect the scheduler''s persisted state')
            [CompletionResult]::new('pod', 'pod', [CompletionResultType]::ParameterValue, 'Pause a pod''s tasks for debugging (relaunched with their command replaced by a sleep), or resume them')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Show the scheduler''s health code and what it means (both SDK generations)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;debug;config' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the ids of the configurations still in use')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one configuration')
            [CompletionResult]::new('target', 'target', [CompletionResultType]::ParameterValue, 'Show the configuration the service is converging to')
            [CompletionResult]::new('target_id', 'target_id', [CompletionResultType]::ParameterValue, 'Show the id of the target configuration')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;debug;config;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;config;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;config;target' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;config;target_id' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;config;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the ids of the configurations still in use')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one configuration')
            [CompletionResult]::new('target', 'target', [CompletionResultType]::ParameterValue, 'Show the configuration the service is converging to')
            [CompletionResult]::new('target_id', 'target_id', [CompletionResultType]::ParameterValue, 'Show the id of the target configuration')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;debug;config;help;list' {
            break
        }
        'pxfw;debug;config;help;show' {
            break
        }
        'pxfw;debug;config;help;target' {
            break
        }
        'pxfw;debug;config;help;target_id' {
            break
        }
        'pxfw;debug;config;help;help' {
            break
        }
        'pxfw;debug;state' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('framework_id', 'framework_id', [CompletionResultType]::ParameterValue, 'Show the Mesos framework id')
            [CompletionResult]::new('properties', 'properties', [CompletionResultType]::ParameterValue, 'List the property keys')
            [CompletionResult]::new('property', 'property', [CompletionResultType]::ParameterValue, 'Show one property''s value')
            [CompletionResult]::new('refresh_cache', 'refresh_cache', [CompletionResultType]::ParameterValue, 'Make the scheduler reload its state cache')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;debug;state;framework_id' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;state;properties' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;state;property' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;state;refresh_cache' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;state;help' {
            [CompletionResult]::new('framework_id', 'framework_id', [CompletionResultType]::ParameterValue, 'Show the Mesos framework id')
            [CompletionResult]::new('properties', 'properties', [CompletionResultType]::ParameterValue, 'List the property keys')
            [CompletionResult]::new('property', 'property', [CompletionResultType]::ParameterValue, 'Show one property''s value')
            [CompletionResult]::new('refresh_cache', 'refresh_cache', [CompletionResultType]::ParameterValue, 'Make the scheduler reload its state cache')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;debug;state;help;framework_id' {
            break
        }
        'pxfw;debug;state;help;properties' {
            break
        }
        'pxfw;debug;state;help;property' {
            break
        }
        'pxfw;debug;state;help;refresh_cache' {
            break
        }
        'pxfw;debug;state;help;help' {
            break
        }
        'pxfw;debug;pod' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a pod, or some of its tasks')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused pod, or some of its tasks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;debug;pod;pause' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod')
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;pod;resume' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod')
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;pod;help' {
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a pod, or some of its tasks')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused pod, or some of its tasks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;debug;pod;help;pause' {
            break
        }
        'pxfw;debug;pod;help;resume' {
            break
        }
        'pxfw;debug;pod;help;help' {
            break
        }
        'pxfw;debug;health' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;debug;help' {
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect the service''s configurations (the rendered service specs)')
            [CompletionResult]::new('state', 'state', [CompletionResultType]::ParameterValue, 'Inspect the scheduler''s persisted state')
            [CompletionResult]::new('pod', 'pod', [CompletionResultType]::ParameterValue, 'Pause a pod''s tasks for debugging (relaunched with their command replaced by a sleep), or resume them')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Show the scheduler''s health code and what it means (both SDK generations)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;debug;help;config' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the ids of the configurations still in use')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one configuration')
            [CompletionResult]::new('target', 'target', [CompletionResultType]::ParameterValue, 'Show the configuration the service is converging to')
            [CompletionResult]::new('target_id', 'target_id', [CompletionResultType]::ParameterValue, 'Show the id of the target configuration')
            break
        }
        'pxfw;debug;help;config;list' {
            break
        }
        'pxfw;debug;help;config;show' {
            break
        }
        'pxfw;debug;help;config;target' {
            break
        }
        'pxfw;debug;help;config;target_id' {
            break
        }
        'pxfw;debug;help;state' {
            [CompletionResult]::new('framework_id', 'framework_id', [CompletionResultType]::ParameterValue, 'Show the Mesos framework id')
            [CompletionResult]::new('properties', 'properties', [CompletionResultType]::ParameterValue, 'List the property keys')
            [CompletionResult]::new('property', 'property', [CompletionResultType]::ParameterValue, 'Show one property''s value')
            [CompletionResult]::new('refresh_cache', 'refresh_cache', [CompletionResultType]::ParameterValue, 'Make the scheduler reload its state cache')
            break
        }
        'pxfw;debug;help;state;framework_id' {
            break
        }
        'pxfw;debug;help;state;properties' {
            break
        }
        'pxfw;debug;help;state;property' {
            break
        }
        'pxfw;debug;help;state;refresh_cache' {
            break
        }
        'pxfw;debug;help;pod' {
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a pod, or some of its tasks')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused pod, or some of its tasks')
            break
        }
        'pxfw;debug;help;pod;pause' {
            break
        }
        'pxfw;debug;help;pod;resume' {
            break
        }
        'pxfw;debug;help;health' {
            break
        }
        'pxfw;debug;help;help' {
            break
        }
        'pxfw;spec' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;spec;validate' {
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, 'Take the spec from this package''s scheduler artifact, templated with the env of the Marathon app the package renders to (with --options/--set), exactly as an install would')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The package repository (http(s)://, file:// or a path) to read --package from; works offline')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, 'package-version')
            [CompletionResult]::new('--options', '--options', [CompletionResultType]::ParameterName, 'Options for rendering --package (a JSON file)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'One option for rendering --package, e.g. --set nodes.count=5')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from a file: KEY=VALUE lines, a JSON object, or a rendered Marathon app (`pxfw package render` output) whose `env` is used')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;spec;render' {
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, 'Take the spec from this package''s scheduler artifact, templated with the env of the Marathon app the package renders to (with --options/--set), exactly as an install would')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The package repository (http(s)://, file:// or a path) to read --package from; works offline')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, 'package-version')
            [CompletionResult]::new('--options', '--options', [CompletionResultType]::ParameterName, 'Options for rendering --package (a JSON file)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'One option for rendering --package, e.g. --set nodes.count=5')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from a file: KEY=VALUE lines, a JSON object, or a rendered Marathon app (`pxfw package render` output) whose `env` is used')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;spec;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;spec;help;validate' {
            break
        }
        'pxfw;spec;help;render' {
            break
        }
        'pxfw;spec;help;help' {
            break
        }
        'pxfw;service' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a service from a spec: it is validated here, then deployed by the server''s deploy plan')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a service''s template variables (e.g. a count) or its spec; the deploy plan rolls it out')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the services on the server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;service;add' {
            [CompletionResult]::new('--spec', '--spec', [CompletionResultType]::ParameterName, 'The svc.yml (its config templates are read from beside it)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'A template variable, e.g. --env NODE_COUNT=3 (repeatable)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;service;update' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'A template variable to set, e.g. --env STORE_COUNT=5 (repeatable; merged with the current ones)')
            [CompletionResult]::new('--spec', '--spec', [CompletionResultType]::ParameterName, 'A new svc.yml (default: keep the current one)')
            [CompletionResult]::new('--keep-volumes', '--keep-volumes', [CompletionResultType]::ParameterName, 'Keep the volumes of pods removed by a smaller count (default: delete them)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;service;remove' {
            [CompletionResult]::new('--keep-volumes', '--keep-volumes', [CompletionResultType]::ParameterName, 'Keep the service''s volumes (they are listed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;service;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;service;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a service from a spec: it is validated here, then deployed by the server''s deploy plan')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a service''s template variables (e.g. a count) or its spec; the deploy plan rolls it out')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the services on the server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;service;help;add' {
            break
        }
        'pxfw;service;help;update' {
            break
        }
        'pxfw;service;help;remove' {
            break
        }
        'pxfw;service;help;list' {
            break
        }
        'pxfw;service;help;help' {
            break
        }
        'pxfw;snapshot' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Snapshot every volume of a service as one consistency group, with hooks around the cut')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List snapshots (of one service when given)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one snapshot: its volumes, hooks and their output, timings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a snapshot (every volume snapshot of the group)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)')
            [CompletionResult]::new('clone', 'clone', [CompletionResultType]::ParameterValue, 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original''s options, its volumes renamed `<NEW_SVC>-<name>`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;snapshot;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The snapshot''s name (default: `<service>-<UTC time>`)')
            [CompletionResult]::new('--pre', '--pre', [CompletionResultType]::ParameterName, 'A command to run in each task with a volume before the cut (repeatable)')
            [CompletionResult]::new('--post', '--post', [CompletionResultType]::ParameterName, 'A command to run after the cut, always (repeatable)')
            [CompletionResult]::new('--pre-background', '--pre-background', [CompletionResultType]::ParameterName, 'A command that takes a lock and holds it through the cut by running ${WAIT_CMD} (repeatable)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'A label for the snapshot, k=v (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in hook profile (cassandra, elastic, kafka, zookeeper, hdfs, couchdb) or `none`; default: the profile of the service''s package')
            [CompletionResult]::new('--hook-timeout', '--hook-timeout', [CompletionResultType]::ParameterName, 'Timeout for each hook (default: the hook''s own, 15 minutes)')
            [CompletionResult]::new('--px-endpoint', '--px-endpoint', [CompletionResultType]::ParameterName, 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)')
            [CompletionResult]::new('--px-token-env', '--px-token-env', [CompletionResultType]::ParameterName, 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)')
            [CompletionResult]::new('--px-legacy-endpoint', '--px-legacy-endpoint', [CompletionResultType]::ParameterName, 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001')
            [CompletionResult]::new('--pre-plan', '--pre-plan', [CompletionResultType]::ParameterName, 'DC/OS mode: a plan of the service to run (and wait for) before the cut')
            [CompletionResult]::new('--post-plan', '--post-plan', [CompletionResultType]::ParameterName, 'DC/OS mode: a plan to run after the cut, always')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'DC/OS mode: a parameter for the plans, VAR=value (repeatable)')
            [CompletionResult]::new('--params', '--params', [CompletionResultType]::ParameterName, 'DC/OS mode: a parameter for the plans, VAR=value (repeatable)')
            [CompletionResult]::new('--plan-timeout', '--plan-timeout', [CompletionResultType]::ParameterName, 'DC/OS mode: how long each plan may take')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the hooks that would run and the volumes that would be cut; take nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;snapshot;list' {
            [CompletionResult]::new('--px-endpoint', '--px-endpoint', [CompletionResultType]::ParameterName, 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)')
            [CompletionResult]::new('--px-token-env', '--px-token-env', [CompletionResultType]::ParameterName, 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)')
            [CompletionResult]::new('--px-legacy-endpoint', '--px-legacy-endpoint', [CompletionResultType]::ParameterName, 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;snapshot;show' {
            [CompletionResult]::new('--px-endpoint', '--px-endpoint', [CompletionResultType]::ParameterName, 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)')
            [CompletionResult]::new('--px-token-env', '--px-token-env', [CompletionResultType]::ParameterName, 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)')
            [CompletionResult]::new('--px-legacy-endpoint', '--px-legacy-endpoint', [CompletionResultType]::ParameterName, 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;snapshot;delete' {
            [CompletionResult]::new('--px-endpoint', '--px-endpoint', [CompletionResultType]::ParameterName, 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)')
            [CompletionResult]::new('--px-token-env', '--px-token-env', [CompletionResultType]::ParameterName, 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)')
            [CompletionResult]::new('--px-legacy-endpoint', '--px-legacy-endpoint', [CompletionResultType]::ParameterName, 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;snapshot;restore' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after this long')
            [CompletionResult]::new('--px-endpoint', '--px-endpoint', [CompletionResultType]::ParameterName, 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)')
            [CompletionResult]::new('--px-token-env', '--px-token-env', [CompletionResultType]::ParameterName, 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)')
            [CompletionResult]::new('--px-legacy-endpoint', '--px-legacy-endpoint', [CompletionResultType]::ParameterName, 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the restore plan has started (DC/OS: once the pods are resumed) instead of waiting')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;snapshot;clone' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The new service''s name')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--px-endpoint', '--px-endpoint', [CompletionResultType]::ParameterName, 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)')
            [CompletionResult]::new('--px-token-env', '--px-token-env', [CompletionResultType]::ParameterName, 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)')
            [CompletionResult]::new('--px-legacy-endpoint', '--px-legacy-endpoint', [CompletionResultType]::ParameterName, 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the new service''s deploy plan to complete')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;snapshot;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Snapshot every volume of a service as one consistency group, with hooks around the cut')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List snapshots (of one service when given)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one snapshot: its volumes, hooks and their output, timings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a snapshot (every volume snapshot of the group)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)')
            [CompletionResult]::new('clone', 'clone', [CompletionResultType]::ParameterValue, 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original''s options, its volumes renamed `<NEW_SVC>-<name>`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;snapshot;help;create' {
            break
        }
        'pxfw;snapshot;help;list' {
            break
        }
        'pxfw;snapshot;help;show' {
            break
        }
        'pxfw;snapshot;help;delete' {
            break
        }
        'pxfw;snapshot;help;restore' {
            break
        }
        'pxfw;snapshot;help;clone' {
            break
        }
        'pxfw;snapshot;help;help' {
            break
        }
        'pxfw;node' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Move a node''s pods away for maintenance, one at a time; the node gets no new pod until undrained')
            [CompletionResult]::new('undrain', 'undrain', [CompletionResultType]::ParameterValue, 'End a drain: the node takes pods again (pods that moved away stay where they are)')
            [CompletionResult]::new('lost', 'lost', [CompletionResultType]::ParameterValue, 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The nodes with their state (active, draining, silent, lost) and pods')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;node;drain' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (exit 124 when it runs out; the drain goes on)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the moves until the node runs no pod (exit 1 when a pod can go nowhere else)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;node;undrain' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;node;lost' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Required: a machine that still runs its tasks would make two writers of the same data')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;node;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;node;help' {
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Move a node''s pods away for maintenance, one at a time; the node gets no new pod until undrained')
            [CompletionResult]::new('undrain', 'undrain', [CompletionResultType]::ParameterValue, 'End a drain: the node takes pods again (pods that moved away stay where they are)')
            [CompletionResult]::new('lost', 'lost', [CompletionResultType]::ParameterValue, 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The nodes with their state (active, draining, silent, lost) and pods')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;node;help;drain' {
            break
        }
        'pxfw;node;help;undrain' {
            break
        }
        'pxfw;node;help;lost' {
            break
        }
        'pxfw;node;help;list' {
            break
        }
        'pxfw;node;help;help' {
            break
        }
        'pxfw;agent' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The pxfw server URL, e.g. http://127.0.0.1:9090')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'The server''s token file')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'This node''s id (default: the hostname)')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'The hostname placement constraints see (default: this machine''s)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'zone')
            [CompletionResult]::new('--rack', '--rack', [CompletionResultType]::ParameterName, 'rack')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'region')
            [CompletionResult]::new('--attr', '--attr', [CompletionResultType]::ParameterName, 'An attribute constraints can match, e.g. --attr disk=ssd (repeatable)')
            [CompletionResult]::new('--cpus', '--cpus', [CompletionResultType]::ParameterName, 'cpus')
            [CompletionResult]::new('--mem', '--mem', [CompletionResultType]::ParameterName, 'mem')
            [CompletionResult]::new('--disk', '--disk', [CompletionResultType]::ParameterName, 'disk')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sandboxes live (default: ~/.pxfw/agents/<node-id>)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Serve the peer endpoint here (port 0 picks a free one). Peers ask it whether this node still reaches the server; with it, a server outage seen by a majority of the nodes fences nothing. Without it, this node fences on its lease alone when its peers cannot vouch for it')
            [CompletionResult]::new('--advertise', '--advertise', [CompletionResultType]::ParameterName, 'The host name or IP peers dial for the endpoint (default: the --listen IP, or, when that is 0.0.0.0 or ::, the address the server sees this agent register from)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;server' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (port 0 picks a free port; the URL is written to <data-dir>/server.url)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the state store and volumes live (default: ~/.pxfw/server, or $PXFW_HOME/server)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'The token file (created with a random token if missing; default: <data-dir>/token)')
            [CompletionResult]::new('--heartbeat-ms', '--heartbeat-ms', [CompletionResultType]::ParameterName, 'Agent heartbeat interval in ms')
            [CompletionResult]::new('--lease-ms', '--lease-ms', [CompletionResultType]::ParameterName, 'Agent lease in ms: an agent that cannot renew within it fences itself')
            [CompletionResult]::new('--grace-ms', '--grace-ms', [CompletionResultType]::ParameterName, 'Extra wait after a lease ends before the node is declared lost and its pods move')
            [CompletionResult]::new('--volume-driver', '--volume-driver', [CompletionResultType]::ParameterName, 'Where volumes live: `local` (a pool directory on this machine) or `portworx` (needs --px-endpoint)')
            [CompletionResult]::new('--volume-pool', '--volume-pool', [CompletionResultType]::ParameterName, 'The local volume pool (default: <data-dir>/volumes)')
            [CompletionResult]::new('--pool-capacity-mb', '--pool-capacity-mb', [CompletionResultType]::ParameterName, 'Capacity of the local pool in MB (default: the filesystem''s free space when the pool is created)')
            [CompletionResult]::new('--px-endpoint', '--px-endpoint', [CompletionResultType]::ParameterName, 'The Portworx OpenStorage SDK REST gateway, e.g. http://px-node:9021 (with --volume-driver portworx)')
            [CompletionResult]::new('--px-mount-root', '--px-mount-root', [CompletionResultType]::ParameterName, 'Where Portworx volumes are mounted on the nodes (with --volume-driver portworx)')
            [CompletionResult]::new('--storage-check-ms', '--storage-check-ms', [CompletionResultType]::ParameterName, 'How often, in ms, the storage backend''s node states are read to tell storage failures from host failures (Portworx: a node whose storage daemon is offline while its host is up)')
            [CompletionResult]::new('--local-agents', '--local-agents', [CompletionResultType]::ParameterName, 'Also run N agents inside this process, on racks rack-1…rack-N: a one-machine cluster')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'A user who may log in with `pxfw auth login` (its password is read from --password-env)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'The environment variable holding --user''s password (never the password itself on the command line)')
            [CompletionResult]::new('--users-file', '--users-file', [CompletionResultType]::ParameterName, 'A file of `uid:password` lines (mode 0600) with more users who may log in')
            [CompletionResult]::new('--token-ttl', '--token-ttl', [CompletionResultType]::ParameterName, 'How long a login token is valid, e.g. 5d or 12h')
            [CompletionResult]::new('--asset', '--asset', [CompletionResultType]::ParameterName, 'Fetch a package asset from elsewhere (repeatable): `scheduler-zip=/srv/s.zip`, `PACKAGE/scheduler-zip=file:///srv/s.zip`, or a mirror `https://downloads.example.com/=http://mirror/`')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and trees')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pxfw;help' {
            [CompletionResult]::new('quickstart', 'quickstart', [CompletionResultType]::ParameterValue, 'Start a one-machine pxfw cluster and deploy the example service in it (`--down` removes it)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Configure, list, attach and remove clusters (shared with the DC/OS CLI''s ~/.dcos)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in and out of the current cluster')
            [CompletionResult]::new('repo', 'repo', [CompletionResultType]::ParameterValue, 'Manage the package repositories of the cluster')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the cluster''s package repositories')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe a package, or (without PKG) the configuration of the installed service')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install a package as a service')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List installed services')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update a service''s configuration or package version, and follow the rollout')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Change the number of pods of a service''s pod type')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Uninstall a service')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove what a DC/OS service left behind (reservations, volumes, frameworks, znode, Portworx volumes)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show and steer a service''s rollout plans (deploy, recovery, custom plans)')
            [CompletionResult]::new('pod', 'pod', [CompletionResultType]::ParameterValue, 'Show, restart and replace a service''s pods')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'Show a service''s endpoints (all names, or one endpoint''s addresses)')
            [CompletionResult]::new('debug', 'debug', [CompletionResultType]::ParameterValue, 'Inspect a service''s configurations and state, and pause or resume pods for debugging')
            [CompletionResult]::new('spec', 'spec', [CompletionResultType]::ParameterValue, 'Validate and render service specs (svc.yml) offline')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Add and list services on a pxfw server (from a svc.yml, without a package)')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Consistency-group snapshots of a whole service, with hooks; restore and clone them')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Node maintenance on a pxfw control plane: drain, undrain, declare lost, list')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Run one node (agent) of a pxfw cluster')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the embedded control plane (serves the DC/OS APIs pxfw uses, plus the agent API)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pxfw;help;quickstart' {
            break
        }
        'pxfw;help;cluster' {
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured clusters')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Make a cluster the current one')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the nodes of a pxfw control plane, their racks, leases and health')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a cluster''s configuration (and its stored token)')
            break
        }
        'pxfw;help;cluster;setup' {
            break
        }
        'pxfw;help;cluster;list' {
            break
        }
        'pxfw;help;cluster;attach' {
            break
        }
        'pxfw;help;cluster;status' {
            break
        }
        'pxfw;help;cluster;remove' {
            break
        }
        'pxfw;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether a token is stored for the current cluster and whether the cluster accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the current cluster''s token and service-account credentials')
            break
        }
        'pxfw;help;auth;login' {
            break
        }
        'pxfw;help;auth;status' {
            break
        }
        'pxfw;help;auth;logout' {
            break
        }
        'pxfw;help;repo' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the repositories in search order')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove repositories by name')
            break
        }
        'pxfw;help;repo;add' {
            break
        }
        'pxfw;help;repo;list' {
            break
        }
        'pxfw;help;repo;remove' {
            break
        }
        'pxfw;help;search' {
            break
        }
        'pxfw;help;describe' {
            break
        }
        'pxfw;help;install' {
            break
        }
        'pxfw;help;list' {
            break
        }
        'pxfw;help;update' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Change the service''s options and/or package version; the scheduler rolls it out via its deploy plan')
            [CompletionResult]::new('package-versions', 'package-versions', [CompletionResultType]::ParameterValue, 'Show the current package version and the versions it can move to')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the rollout (the `deploy` plan) as a tree')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause the rollout (the `deploy` plan), optionally one phase')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume the paused rollout, optionally one phase')
            [CompletionResult]::new('force-complete', 'force-complete', [CompletionResultType]::ParameterValue, 'Mark a step of the rollout complete')
            [CompletionResult]::new('force-restart', 'force-restart', [CompletionResultType]::ParameterValue, 'Restart the rollout, a phase or a step')
            break
        }
        'pxfw;help;update;start' {
            break
        }
        'pxfw;help;update;package-versions' {
            break
        }
        'pxfw;help;update;status' {
            break
        }
        'pxfw;help;update;pause' {
            break
        }
        'pxfw;help;update;resume' {
            break
        }
        'pxfw;help;update;force-complete' {
            break
        }
        'pxfw;help;update;force-restart' {
            break
        }
        'pxfw;help;scale' {
            break
        }
        'pxfw;help;uninstall' {
            break
        }
        'pxfw;help;cleanup' {
            break
        }
        'pxfw;help;plan' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the service''s plans (JSON)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a plan as a tree of phases and steps (`--json`: the scheduler''s JSON)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a plan, passing parameters to its tasks as environment variables')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running plan: pause it and reset every step to PENDING')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused plan, or one of its phases')
            [CompletionResult]::new('force-restart', 'force-restart', [CompletionResultType]::ParameterValue, 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again')
            [CompletionResult]::new('force-complete', 'force-complete', [CompletionResultType]::ParameterValue, 'Mark a step COMPLETE without running it (in the scheduler''s memory only)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout')
            break
        }
        'pxfw;help;plan;list' {
            break
        }
        'pxfw;help;plan;status' {
            break
        }
        'pxfw;help;plan;start' {
            break
        }
        'pxfw;help;plan;stop' {
            break
        }
        'pxfw;help;plan;pause' {
            break
        }
        'pxfw;help;plan;resume' {
            break
        }
        'pxfw;help;plan;force-restart' {
            break
        }
        'pxfw;help;plan;force-complete' {
            break
        }
        'pxfw;help;plan;wait' {
            break
        }
        'pxfw;help;pod' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the pod instances (JSON)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler''s JSON)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the Mesos task information and last status of each task of a pod (JSON)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources')
            [CompletionResult]::new('replace', 'replace', [CompletionResultType]::ParameterValue, 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)')
            break
        }
        'pxfw;help;pod;list' {
            break
        }
        'pxfw;help;pod;status' {
            break
        }
        'pxfw;help;pod;info' {
            break
        }
        'pxfw;help;pod;restart' {
            break
        }
        'pxfw;help;pod;replace' {
            break
        }
        'pxfw;help;endpoints' {
            break
        }
        'pxfw;help;debug' {
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect the service''s configurations (the rendered service specs)')
            [CompletionResult]::new('state', 'state', [CompletionResultType]::ParameterValue, 'Inspect the scheduler''s persisted state')
            [CompletionResult]::new('pod', 'pod', [CompletionResultType]::ParameterValue, 'Pause a pod''s tasks for debugging (relaunched with their command replaced by a sleep), or resume them')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Show the scheduler''s health code and what it means (both SDK generations)')
            break
        }
        'pxfw;help;debug;config' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the ids of the configurations still in use')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one configuration')
            [CompletionResult]::new('target', 'target', [CompletionResultType]::ParameterValue, 'Show the configuration the service is converging to')
            [CompletionResult]::new('target_id', 'target_id', [CompletionResultType]::ParameterValue, 'Show the id of the target configuration')
            break
        }
        'pxfw;help;debug;config;list' {
            break
        }
        'pxfw;help;debug;config;show' {
            break
        }
        'pxfw;help;debug;config;target' {
            break
        }
        'pxfw;help;debug;config;target_id' {
            break
        }
        'pxfw;help;debug;state' {
            [CompletionResult]::new('framework_id', 'framework_id', [CompletionResultType]::ParameterValue, 'Show the Mesos framework id')
            [CompletionResult]::new('properties', 'properties', [CompletionResultType]::ParameterValue, 'List the property keys')
            [CompletionResult]::new('property', 'property', [CompletionResultType]::ParameterValue, 'Show one property''s value')
            [CompletionResult]::new('refresh_cache', 'refresh_cache', [CompletionResultType]::ParameterValue, 'Make the scheduler reload its state cache')
            break
        }
        'pxfw;help;debug;state;framework_id' {
            break
        }
        'pxfw;help;debug;state;properties' {
            break
        }
        'pxfw;help;debug;state;property' {
            break
        }
        'pxfw;help;debug;state;refresh_cache' {
            break
        }
        'pxfw;help;debug;pod' {
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a pod, or some of its tasks')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused pod, or some of its tasks')
            break
        }
        'pxfw;help;debug;pod;pause' {
            break
        }
        'pxfw;help;debug;pod;resume' {
            break
        }
        'pxfw;help;debug;health' {
            break
        }
        'pxfw;help;spec' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps')
            break
        }
        'pxfw;help;spec;validate' {
            break
        }
        'pxfw;help;spec;render' {
            break
        }
        'pxfw;help;service' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a service from a spec: it is validated here, then deployed by the server''s deploy plan')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a service''s template variables (e.g. a count) or its spec; the deploy plan rolls it out')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the services on the server')
            break
        }
        'pxfw;help;service;add' {
            break
        }
        'pxfw;help;service;update' {
            break
        }
        'pxfw;help;service;remove' {
            break
        }
        'pxfw;help;service;list' {
            break
        }
        'pxfw;help;snapshot' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Snapshot every volume of a service as one consistency group, with hooks around the cut')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List snapshots (of one service when given)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one snapshot: its volumes, hooks and their output, timings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a snapshot (every volume snapshot of the group)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)')
            [CompletionResult]::new('clone', 'clone', [CompletionResultType]::ParameterValue, 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original''s options, its volumes renamed `<NEW_SVC>-<name>`)')
            break
        }
        'pxfw;help;snapshot;create' {
            break
        }
        'pxfw;help;snapshot;list' {
            break
        }
        'pxfw;help;snapshot;show' {
            break
        }
        'pxfw;help;snapshot;delete' {
            break
        }
        'pxfw;help;snapshot;restore' {
            break
        }
        'pxfw;help;snapshot;clone' {
            break
        }
        'pxfw;help;node' {
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Move a node''s pods away for maintenance, one at a time; the node gets no new pod until undrained')
            [CompletionResult]::new('undrain', 'undrain', [CompletionResultType]::ParameterValue, 'End a drain: the node takes pods again (pods that moved away stay where they are)')
            [CompletionResult]::new('lost', 'lost', [CompletionResultType]::ParameterValue, 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The nodes with their state (active, draining, silent, lost) and pods')
            break
        }
        'pxfw;help;node;drain' {
            break
        }
        'pxfw;help;node;undrain' {
            break
        }
        'pxfw;help;node;lost' {
            break
        }
        'pxfw;help;node;list' {
            break
        }
        'pxfw;help;agent' {
            break
        }
        'pxfw;help;server' {
            break
        }
        'pxfw;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
