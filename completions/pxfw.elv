
use builtin;
use str;

set edit:completion:arg-completer[pxfw] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'pxfw'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'pxfw'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand quickstart 'Start a one-machine pxfw cluster and deploy the example service in it (`--down` removes it)'
            cand cluster 'Configure, list, attach and remove clusters (shared with the DC/OS CLI''s ~/.dcos)'
            cand auth 'Log in and out of the current cluster'
            cand repo 'Manage the package repositories of the cluster'
            cand search 'Search the cluster''s package repositories'
            cand describe 'Describe a package, or (without PKG) the configuration of the installed service'
            cand install 'Install a package as a service'
            cand list 'List installed services'
            cand update 'Update a service''s configuration or package version, and follow the rollout'
            cand scale 'Change the number of pods of a service''s pod type'
            cand uninstall 'Uninstall a service'
            cand cleanup 'Remove what a DC/OS service left behind (reservations, volumes, frameworks, znode, Portworx volumes)'
            cand plan 'Show and steer a service''s rollout plans (deploy, recovery, custom plans)'
            cand pod 'Show, restart and replace a service''s pods'
            cand endpoints 'Show a service''s endpoints (all names, or one endpoint''s addresses)'
            cand endpoint 'Show a service''s endpoints (all names, or one endpoint''s addresses)'
            cand debug 'Inspect a service''s configurations and state, and pause or resume pods for debugging'
            cand spec 'Validate and render service specs (svc.yml) offline'
            cand service 'Add and list services on a pxfw server (from a svc.yml, without a package)'
            cand snapshot 'Consistency-group snapshots of a whole service, with hooks; restore and clone them'
            cand node 'Node maintenance on a pxfw control plane: drain, undrain, declare lost, list'
            cand agent 'Run one node (agent) of a pxfw cluster'
            cand server 'Run the embedded control plane (serves the DC/OS APIs pxfw uses, plus the agent API)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;quickstart'= {
            cand --timeout 'How long to wait for the example to deploy'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --down 'Stop the quickstart cluster and remove everything it created (data and volumes included)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;cluster'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand setup 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it'
            cand list 'List the configured clusters'
            cand attach 'Make a cluster the current one'
            cand status 'Show the nodes of a pxfw control plane, their racks, leases and health'
            cand remove 'Remove a cluster''s configuration (and its stored token)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;cluster;setup'= {
            cand --cluster-name 'A name for the cluster (default: its name in Mesos, else its ID)'
            cand --ca-cert 'Verify TLS against this PEM CA bundle (copied into the cluster''s directory)'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --insecure 'Skip TLS verification (only on a network you trust)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;cluster;list'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;cluster;attach'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;cluster;status'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;cluster;remove'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;cluster;help'= {
            cand setup 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it'
            cand list 'List the configured clusters'
            cand attach 'Make a cluster the current one'
            cand status 'Show the nodes of a pxfw control plane, their racks, leases and health'
            cand remove 'Remove a cluster''s configuration (and its stored token)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;cluster;help;setup'= {
        }
        &'pxfw;cluster;help;list'= {
        }
        &'pxfw;cluster;help;attach'= {
        }
        &'pxfw;cluster;help;status'= {
        }
        &'pxfw;cluster;help;remove'= {
        }
        &'pxfw;cluster;help;help'= {
        }
        &'pxfw;auth'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)'
            cand status 'Show whether a token is stored for the current cluster and whether the cluster accepts it'
            cand logout 'Forget the current cluster''s token and service-account credentials'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;auth;login'= {
            cand --username 'User id (default: DCOS_USERNAME, else a prompt)'
            cand --password-env 'Read the password from this environment variable instead of prompting'
            cand --service-account 'Log in as this service account (needs --private-key)'
            cand --private-key 'The service account''s RSA private key (PEM)'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;auth;status'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;auth;logout'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;auth;help'= {
            cand login 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)'
            cand status 'Show whether a token is stored for the current cluster and whether the cluster accepts it'
            cand logout 'Forget the current cluster''s token and service-account credentials'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;auth;help;login'= {
        }
        &'pxfw;auth;help;status'= {
        }
        &'pxfw;auth;help;logout'= {
        }
        &'pxfw;auth;help;help'= {
        }
        &'pxfw;repo'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)'
            cand list 'List the repositories in search order'
            cand remove 'Remove repositories by name'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;repo;add'= {
            cand --index 'Position in the search order, 0 = searched first (default: last)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;repo;list'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;repo;remove'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;repo;help'= {
            cand add 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)'
            cand list 'List the repositories in search order'
            cand remove 'Remove repositories by name'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;repo;help;add'= {
        }
        &'pxfw;repo;help;list'= {
        }
        &'pxfw;repo;help;remove'= {
        }
        &'pxfw;repo;help;help'= {
        }
        &'pxfw;search'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;describe'= {
            cand --package-version 'package-version'
            cand --options 'options'
            cand --set 'set'
            cand --repo 'Read the package from this repository (http(s)://, file:// or a path) instead of the cluster: works offline'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --config 'Print the package''s options schema'
            cand --render 'Print the Marathon app the package renders to (with --options/--set)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;install'= {
            cand --options 'JSON file with the options to install with'
            cand --set 'Set one option, e.g. --set nodes.count=5 (repeatable; applied after --options)'
            cand --package-version 'package-version'
            cand --timeout 'How long --wait waits (e.g. 90s, 15m)'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --wait 'Wait until the service''s deploy plan is COMPLETE'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;list'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Change the service''s options and/or package version; the scheduler rolls it out via its deploy plan'
            cand package-versions 'Show the current package version and the versions it can move to'
            cand status 'Show the rollout (the `deploy` plan) as a tree'
            cand show 'Show the rollout (the `deploy` plan) as a tree'
            cand pause 'Pause the rollout (the `deploy` plan), optionally one phase'
            cand interrupt 'Pause the rollout (the `deploy` plan), optionally one phase'
            cand resume 'Resume the paused rollout, optionally one phase'
            cand continue 'Resume the paused rollout, optionally one phase'
            cand force-complete 'Mark a step of the rollout complete'
            cand force 'Mark a step of the rollout complete'
            cand force-restart 'Restart the rollout, a phase or a step'
            cand restart 'Restart the rollout, a phase or a step'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;update;start'= {
            cand --options 'JSON file with the options to change (merged with the stored ones unless --replace)'
            cand --set 'Set one option, e.g. --set nodes.cpus=2 (repeatable)'
            cand --package-version 'package-version'
            cand --timeout 'timeout'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --replace 'Replace the stored options with exactly these (instead of merging)'
            cand --wait 'Wait until the deploy plan is COMPLETE'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;package-versions'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;status'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;show'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;pause'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;interrupt'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;resume'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;continue'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;force-complete'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;force'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;force-restart'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;restart'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;update;help'= {
            cand start 'Change the service''s options and/or package version; the scheduler rolls it out via its deploy plan'
            cand package-versions 'Show the current package version and the versions it can move to'
            cand status 'Show the rollout (the `deploy` plan) as a tree'
            cand pause 'Pause the rollout (the `deploy` plan), optionally one phase'
            cand resume 'Resume the paused rollout, optionally one phase'
            cand force-complete 'Mark a step of the rollout complete'
            cand force-restart 'Restart the rollout, a phase or a step'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;update;help;start'= {
        }
        &'pxfw;update;help;package-versions'= {
        }
        &'pxfw;update;help;status'= {
        }
        &'pxfw;update;help;pause'= {
        }
        &'pxfw;update;help;resume'= {
        }
        &'pxfw;update;help;force-complete'= {
        }
        &'pxfw;update;help;force-restart'= {
        }
        &'pxfw;update;help;help'= {
        }
        &'pxfw;scale'= {
            cand --count 'The new number of pods'
            cand --option 'Use this option path for the count instead of deriving it (e.g. nodes.count)'
            cand --timeout 'timeout'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --wait 'Wait until the deploy plan is COMPLETE'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;uninstall'= {
            cand --timeout 'timeout'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --wait 'Wait until the app is gone, then report reservations left behind'
            cand --keep-volumes 'Keep the service''s volumes (a pxfw server lists them). On DC/OS the SDK never deletes Portworx volumes; `pxfw cleanup --delete-volumes` does'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;cleanup'= {
            cand --principal 'The principal the service''s scheduler reserved with (default `<svc>-principal`, the SDK default; give the service account if the service was installed with another)'
            cand --px-endpoint 'The Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021): also inventory the service''s Portworx volumes'
            cand --px-token-env 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)'
            cand --volume-prefix 'Also count Portworx volumes named exactly `<PREFIX>-<n>`, or `<PREFIX>` (a shared volume), as the service''s: the fork''s `docker_volume_name`, or upstream `<svc>-<pod type>` / `volume_name`. Volumes labelled for another service are still left alone. Repeatable'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --dry-run 'Show the inventory and what would be done; send no request that changes anything'
            cand --delete-volumes 'Also delete the service''s Portworx volumes (detached first; needs --px-endpoint). Without it they are listed and kept'
            cand --force 'Clean up even though the service is still installed (its Marathon app exists) or a framework of ours is still active'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the service''s plans (JSON)'
            cand status 'Show a plan as a tree of phases and steps (`--json`: the scheduler''s JSON)'
            cand show 'Show a plan as a tree of phases and steps (`--json`: the scheduler''s JSON)'
            cand start 'Start a plan, passing parameters to its tasks as environment variables'
            cand stop 'Stop a running plan: pause it and reset every step to PENDING'
            cand pause 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts'
            cand interrupt 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts'
            cand resume 'Resume a paused plan, or one of its phases'
            cand continue 'Resume a paused plan, or one of its phases'
            cand force-restart 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again'
            cand restart 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again'
            cand force-complete 'Mark a step COMPLETE without running it (in the scheduler''s memory only)'
            cand force 'Mark a step COMPLETE without running it (in the scheduler''s memory only)'
            cand wait 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;plan;list'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;status'= {
            cand --interval 'Time between polls with --watch'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --watch 'Keep redrawing until the plan completes (Ctrl-C to stop): progress bars per phase on a terminal, otherwise the tree again each time it changes'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;show'= {
            cand --interval 'Time between polls with --watch'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --watch 'Keep redrawing until the plan completes (Ctrl-C to stop): progress bars per phase on a terminal, otherwise the tree again each time it changes'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;start'= {
            cand -p 'A parameter as VAR=value; repeat for several. VAR must be a valid environment variable name'
            cand --params 'A parameter as VAR=value; repeat for several. VAR must be a valid environment variable name'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;stop'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;pause'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;interrupt'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;resume'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;continue'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;force-restart'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;restart'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;force-complete'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;force'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;wait'= {
            cand --timeout 'Give up after this long (e.g. 90s, 15m, 1h30m); without it, wait as long as it takes'
            cand --interval 'Time between polls'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;plan;help'= {
            cand list 'List the service''s plans (JSON)'
            cand status 'Show a plan as a tree of phases and steps (`--json`: the scheduler''s JSON)'
            cand start 'Start a plan, passing parameters to its tasks as environment variables'
            cand stop 'Stop a running plan: pause it and reset every step to PENDING'
            cand pause 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts'
            cand resume 'Resume a paused plan, or one of its phases'
            cand force-restart 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again'
            cand force-complete 'Mark a step COMPLETE without running it (in the scheduler''s memory only)'
            cand wait 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;plan;help;list'= {
        }
        &'pxfw;plan;help;status'= {
        }
        &'pxfw;plan;help;start'= {
        }
        &'pxfw;plan;help;stop'= {
        }
        &'pxfw;plan;help;pause'= {
        }
        &'pxfw;plan;help;resume'= {
        }
        &'pxfw;plan;help;force-restart'= {
        }
        &'pxfw;plan;help;force-complete'= {
        }
        &'pxfw;plan;help;wait'= {
        }
        &'pxfw;plan;help;help'= {
        }
        &'pxfw;pod'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the pod instances (JSON)'
            cand status 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler''s JSON)'
            cand info 'Show the Mesos task information and last status of each task of a pod (JSON)'
            cand restart 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources'
            cand replace 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;pod;list'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;pod;status'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;pod;info'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;pod;restart'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;pod;replace'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;pod;help'= {
            cand list 'List the pod instances (JSON)'
            cand status 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler''s JSON)'
            cand info 'Show the Mesos task information and last status of each task of a pod (JSON)'
            cand restart 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources'
            cand replace 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;pod;help;list'= {
        }
        &'pxfw;pod;help;status'= {
        }
        &'pxfw;pod;help;info'= {
        }
        &'pxfw;pod;help;restart'= {
        }
        &'pxfw;pod;help;replace'= {
        }
        &'pxfw;pod;help;help'= {
        }
        &'pxfw;endpoints'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;endpoint'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand config 'Inspect the service''s configurations (the rendered service specs)'
            cand state 'Inspect the scheduler''s persisted state'
            cand pod 'Pause a pod''s tasks for debugging (relaunched with their command replaced by a sleep), or resume them'
            cand health 'Show the scheduler''s health code and what it means (both SDK generations)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;debug;config'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the ids of the configurations still in use'
            cand show 'Show one configuration'
            cand target 'Show the configuration the service is converging to'
            cand target_id 'Show the id of the target configuration'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;debug;config;list'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;config;show'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;config;target'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;config;target_id'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;config;help'= {
            cand list 'List the ids of the configurations still in use'
            cand show 'Show one configuration'
            cand target 'Show the configuration the service is converging to'
            cand target_id 'Show the id of the target configuration'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;debug;config;help;list'= {
        }
        &'pxfw;debug;config;help;show'= {
        }
        &'pxfw;debug;config;help;target'= {
        }
        &'pxfw;debug;config;help;target_id'= {
        }
        &'pxfw;debug;config;help;help'= {
        }
        &'pxfw;debug;state'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand framework_id 'Show the Mesos framework id'
            cand properties 'List the property keys'
            cand property 'Show one property''s value'
            cand refresh_cache 'Make the scheduler reload its state cache'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;debug;state;framework_id'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;state;properties'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;state;property'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;state;refresh_cache'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;state;help'= {
            cand framework_id 'Show the Mesos framework id'
            cand properties 'List the property keys'
            cand property 'Show one property''s value'
            cand refresh_cache 'Make the scheduler reload its state cache'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;debug;state;help;framework_id'= {
        }
        &'pxfw;debug;state;help;properties'= {
        }
        &'pxfw;debug;state;help;property'= {
        }
        &'pxfw;debug;state;help;refresh_cache'= {
        }
        &'pxfw;debug;state;help;help'= {
        }
        &'pxfw;debug;pod'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand pause 'Pause a pod, or some of its tasks'
            cand resume 'Resume a paused pod, or some of its tasks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;debug;pod;pause'= {
            cand -t 'Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod'
            cand --tasks 'Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;pod;resume'= {
            cand -t 'Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod'
            cand --tasks 'Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;pod;help'= {
            cand pause 'Pause a pod, or some of its tasks'
            cand resume 'Resume a paused pod, or some of its tasks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;debug;pod;help;pause'= {
        }
        &'pxfw;debug;pod;help;resume'= {
        }
        &'pxfw;debug;pod;help;help'= {
        }
        &'pxfw;debug;health'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;debug;help'= {
            cand config 'Inspect the service''s configurations (the rendered service specs)'
            cand state 'Inspect the scheduler''s persisted state'
            cand pod 'Pause a pod''s tasks for debugging (relaunched with their command replaced by a sleep), or resume them'
            cand health 'Show the scheduler''s health code and what it means (both SDK generations)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;debug;help;config'= {
            cand list 'List the ids of the configurations still in use'
            cand show 'Show one configuration'
            cand target 'Show the configuration the service is converging to'
            cand target_id 'Show the id of the target configuration'
        }
        &'pxfw;debug;help;config;list'= {
        }
        &'pxfw;debug;help;config;show'= {
        }
        &'pxfw;debug;help;config;target'= {
        }
        &'pxfw;debug;help;config;target_id'= {
        }
        &'pxfw;debug;help;state'= {
            cand framework_id 'Show the Mesos framework id'
            cand properties 'List the property keys'
            cand property 'Show one property''s value'
            cand refresh_cache 'Make the scheduler reload its state cache'
        }
        &'pxfw;debug;help;state;framework_id'= {
        }
        &'pxfw;debug;help;state;properties'= {
        }
        &'pxfw;debug;help;state;property'= {
        }
        &'pxfw;debug;help;state;refresh_cache'= {
        }
        &'pxfw;debug;help;pod'= {
            cand pause 'Pause a pod, or some of its tasks'
            cand resume 'Resume a paused pod, or some of its tasks'
        }
        &'pxfw;debug;help;pod;pause'= {
        }
        &'pxfw;debug;help;pod;resume'= {
        }
        &'pxfw;debug;help;health'= {
        }
        &'pxfw;debug;help;help'= {
        }
        &'pxfw;spec'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints'
            cand render 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;spec;validate'= {
            cand --package 'Take the spec from this package''s scheduler artifact, templated with the env of the Marathon app the package renders to (with --options/--set), exactly as an install would'
            cand --repo 'The package repository (http(s)://, file:// or a path) to read --package from; works offline'
            cand --package-version 'package-version'
            cand --options 'Options for rendering --package (a JSON file)'
            cand --set 'One option for rendering --package, e.g. --set nodes.count=5'
            cand -e 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file'
            cand --env 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file'
            cand --env-file 'Read variables from a file: KEY=VALUE lines, a JSON object, or a rendered Marathon app (`pxfw package render` output) whose `env` is used'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;spec;render'= {
            cand --package 'Take the spec from this package''s scheduler artifact, templated with the env of the Marathon app the package renders to (with --options/--set), exactly as an install would'
            cand --repo 'The package repository (http(s)://, file:// or a path) to read --package from; works offline'
            cand --package-version 'package-version'
            cand --options 'Options for rendering --package (a JSON file)'
            cand --set 'One option for rendering --package, e.g. --set nodes.count=5'
            cand -e 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file'
            cand --env 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file'
            cand --env-file 'Read variables from a file: KEY=VALUE lines, a JSON object, or a rendered Marathon app (`pxfw package render` output) whose `env` is used'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;spec;help'= {
            cand validate 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints'
            cand render 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;spec;help;validate'= {
        }
        &'pxfw;spec;help;render'= {
        }
        &'pxfw;spec;help;help'= {
        }
        &'pxfw;service'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a service from a spec: it is validated here, then deployed by the server''s deploy plan'
            cand update 'Change a service''s template variables (e.g. a count) or its spec; the deploy plan rolls it out'
            cand remove 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it'
            cand list 'List the services on the server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;service;add'= {
            cand --spec 'The svc.yml (its config templates are read from beside it)'
            cand --env 'A template variable, e.g. --env NODE_COUNT=3 (repeatable)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;service;update'= {
            cand --env 'A template variable to set, e.g. --env STORE_COUNT=5 (repeatable; merged with the current ones)'
            cand --spec 'A new svc.yml (default: keep the current one)'
            cand --keep-volumes 'Keep the volumes of pods removed by a smaller count (default: delete them)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;service;remove'= {
            cand --keep-volumes 'Keep the service''s volumes (they are listed)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;service;list'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;service;help'= {
            cand add 'Add a service from a spec: it is validated here, then deployed by the server''s deploy plan'
            cand update 'Change a service''s template variables (e.g. a count) or its spec; the deploy plan rolls it out'
            cand remove 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it'
            cand list 'List the services on the server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;service;help;add'= {
        }
        &'pxfw;service;help;update'= {
        }
        &'pxfw;service;help;remove'= {
        }
        &'pxfw;service;help;list'= {
        }
        &'pxfw;service;help;help'= {
        }
        &'pxfw;snapshot'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Snapshot every volume of a service as one consistency group, with hooks around the cut'
            cand list 'List snapshots (of one service when given)'
            cand show 'Show one snapshot: its volumes, hooks and their output, timings'
            cand delete 'Delete a snapshot (every volume snapshot of the group)'
            cand restore 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)'
            cand clone 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original''s options, its volumes renamed `<NEW_SVC>-<name>`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;snapshot;create'= {
            cand --name 'The snapshot''s name (default: `<service>-<UTC time>`)'
            cand --pre 'A command to run in each task with a volume before the cut (repeatable)'
            cand --post 'A command to run after the cut, always (repeatable)'
            cand --pre-background 'A command that takes a lock and holds it through the cut by running ${WAIT_CMD} (repeatable)'
            cand --label 'A label for the snapshot, k=v (repeatable)'
            cand --profile 'A built-in hook profile (cassandra, elastic, kafka, zookeeper, hdfs, couchdb) or `none`; default: the profile of the service''s package'
            cand --hook-timeout 'Timeout for each hook (default: the hook''s own, 15 minutes)'
            cand --px-endpoint 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)'
            cand --px-token-env 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)'
            cand --px-legacy-endpoint 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001'
            cand --pre-plan 'DC/OS mode: a plan of the service to run (and wait for) before the cut'
            cand --post-plan 'DC/OS mode: a plan to run after the cut, always'
            cand -p 'DC/OS mode: a parameter for the plans, VAR=value (repeatable)'
            cand --params 'DC/OS mode: a parameter for the plans, VAR=value (repeatable)'
            cand --plan-timeout 'DC/OS mode: how long each plan may take'
            cand --dry-run 'Show the hooks that would run and the volumes that would be cut; take nothing'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;snapshot;list'= {
            cand --px-endpoint 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)'
            cand --px-token-env 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)'
            cand --px-legacy-endpoint 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;snapshot;show'= {
            cand --px-endpoint 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)'
            cand --px-token-env 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)'
            cand --px-legacy-endpoint 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;snapshot;delete'= {
            cand --px-endpoint 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)'
            cand --px-token-env 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)'
            cand --px-legacy-endpoint 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;snapshot;restore'= {
            cand --timeout 'Give up waiting after this long'
            cand --px-endpoint 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)'
            cand --px-token-env 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)'
            cand --px-legacy-endpoint 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --no-wait 'Return once the restore plan has started (DC/OS: once the pods are resumed) instead of waiting'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;snapshot;clone'= {
            cand --as 'The new service''s name'
            cand --timeout 'timeout'
            cand --px-endpoint 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)'
            cand --px-token-env 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)'
            cand --px-legacy-endpoint 'The legacy Portworx REST API (group snapshots); default: the gateway''s host on port 9001'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --wait 'Wait for the new service''s deploy plan to complete'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;snapshot;help'= {
            cand create 'Snapshot every volume of a service as one consistency group, with hooks around the cut'
            cand list 'List snapshots (of one service when given)'
            cand show 'Show one snapshot: its volumes, hooks and their output, timings'
            cand delete 'Delete a snapshot (every volume snapshot of the group)'
            cand restore 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)'
            cand clone 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original''s options, its volumes renamed `<NEW_SVC>-<name>`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;snapshot;help;create'= {
        }
        &'pxfw;snapshot;help;list'= {
        }
        &'pxfw;snapshot;help;show'= {
        }
        &'pxfw;snapshot;help;delete'= {
        }
        &'pxfw;snapshot;help;restore'= {
        }
        &'pxfw;snapshot;help;clone'= {
        }
        &'pxfw;snapshot;help;help'= {
        }
        &'pxfw;node'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand drain 'Move a node''s pods away for maintenance, one at a time; the node gets no new pod until undrained'
            cand undrain 'End a drain: the node takes pods again (pods that moved away stay where they are)'
            cand lost 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force'
            cand list 'The nodes with their state (active, draining, silent, lost) and pods'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;node;drain'= {
            cand --timeout 'How long --wait waits (exit 124 when it runs out; the drain goes on)'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --wait 'Follow the moves until the node runs no pod (exit 1 when a pod can go nowhere else)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;node;undrain'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;node;lost'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --force 'Required: a machine that still runs its tasks would make two writers of the same data'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;node;list'= {
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;node;help'= {
            cand drain 'Move a node''s pods away for maintenance, one at a time; the node gets no new pod until undrained'
            cand undrain 'End a drain: the node takes pods again (pods that moved away stay where they are)'
            cand lost 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force'
            cand list 'The nodes with their state (active, draining, silent, lost) and pods'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;node;help;drain'= {
        }
        &'pxfw;node;help;undrain'= {
        }
        &'pxfw;node;help;lost'= {
        }
        &'pxfw;node;help;list'= {
        }
        &'pxfw;node;help;help'= {
        }
        &'pxfw;agent'= {
            cand --server 'The pxfw server URL, e.g. http://127.0.0.1:9090'
            cand --token-file 'The server''s token file'
            cand --node-id 'This node''s id (default: the hostname)'
            cand --hostname 'The hostname placement constraints see (default: this machine''s)'
            cand --zone 'zone'
            cand --rack 'rack'
            cand --region 'region'
            cand --attr 'An attribute constraints can match, e.g. --attr disk=ssd (repeatable)'
            cand --cpus 'cpus'
            cand --mem 'mem'
            cand --disk 'disk'
            cand --data-dir 'Where sandboxes live (default: ~/.pxfw/agents/<node-id>)'
            cand --listen 'Serve the peer endpoint here (port 0 picks a free one). Peers ask it whether this node still reaches the server; with it, a server outage seen by a majority of the nodes fences nothing. Without it, this node fences on its lease alone when its peers cannot vouch for it'
            cand --advertise 'The host name or IP peers dial for the endpoint (default: the --listen IP, or, when that is 0.0.0.0 or ::, the address the server sees this agent register from)'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;server'= {
            cand --listen 'Address to listen on (port 0 picks a free port; the URL is written to <data-dir>/server.url)'
            cand --data-dir 'Where the state store and volumes live (default: ~/.pxfw/server, or $PXFW_HOME/server)'
            cand --token-file 'The token file (created with a random token if missing; default: <data-dir>/token)'
            cand --heartbeat-ms 'Agent heartbeat interval in ms'
            cand --lease-ms 'Agent lease in ms: an agent that cannot renew within it fences itself'
            cand --grace-ms 'Extra wait after a lease ends before the node is declared lost and its pods move'
            cand --volume-driver 'Where volumes live: `local` (a pool directory on this machine) or `portworx` (needs --px-endpoint)'
            cand --volume-pool 'The local volume pool (default: <data-dir>/volumes)'
            cand --pool-capacity-mb 'Capacity of the local pool in MB (default: the filesystem''s free space when the pool is created)'
            cand --px-endpoint 'The Portworx OpenStorage SDK REST gateway, e.g. http://px-node:9021 (with --volume-driver portworx)'
            cand --px-mount-root 'Where Portworx volumes are mounted on the nodes (with --volume-driver portworx)'
            cand --storage-check-ms 'How often, in ms, the storage backend''s node states are read to tell storage failures from host failures (Portworx: a node whose storage daemon is offline while its host is up)'
            cand --local-agents 'Also run N agents inside this process, on racks rack-1…rack-N: a one-machine cluster'
            cand --user 'A user who may log in with `pxfw auth login` (its password is read from --password-env)'
            cand --password-env 'The environment variable holding --user''s password (never the password itself on the command line)'
            cand --users-file 'A file of `uid:password` lines (mode 0600) with more users who may log in'
            cand --token-ttl 'How long a login token is valid, e.g. 5d or 12h'
            cand --asset 'Fetch a package asset from elsewhere (repeatable): `scheduler-zip=/srv/s.zip`, `PACKAGE/scheduler-zip=file:///srv/s.zip`, or a mirror `https://downloads.example.com/=http://mirror/`'
            cand --name 'The service to act on (default: the plugin''s service, or `<plugin>.service_name` in the config)'
            cand --json 'Print machine-readable JSON instead of tables and trees'
            cand -y 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand --yes 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
            cand -v 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand --verbose 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pxfw;help'= {
            cand quickstart 'Start a one-machine pxfw cluster and deploy the example service in it (`--down` removes it)'
            cand cluster 'Configure, list, attach and remove clusters (shared with the DC/OS CLI''s ~/.dcos)'
            cand auth 'Log in and out of the current cluster'
            cand repo 'Manage the package repositories of the cluster'
            cand search 'Search the cluster''s package repositories'
            cand describe 'Describe a package, or (without PKG) the configuration of the installed service'
            cand install 'Install a package as a service'
            cand list 'List installed services'
            cand update 'Update a service''s configuration or package version, and follow the rollout'
            cand scale 'Change the number of pods of a service''s pod type'
            cand uninstall 'Uninstall a service'
            cand cleanup 'Remove what a DC/OS service left behind (reservations, volumes, frameworks, znode, Portworx volumes)'
            cand plan 'Show and steer a service''s rollout plans (deploy, recovery, custom plans)'
            cand pod 'Show, restart and replace a service''s pods'
            cand endpoints 'Show a service''s endpoints (all names, or one endpoint''s addresses)'
            cand debug 'Inspect a service''s configurations and state, and pause or resume pods for debugging'
            cand spec 'Validate and render service specs (svc.yml) offline'
            cand service 'Add and list services on a pxfw server (from a svc.yml, without a package)'
            cand snapshot 'Consistency-group snapshots of a whole service, with hooks; restore and clone them'
            cand node 'Node maintenance on a pxfw control plane: drain, undrain, declare lost, list'
            cand agent 'Run one node (agent) of a pxfw cluster'
            cand server 'Run the embedded control plane (serves the DC/OS APIs pxfw uses, plus the agent API)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pxfw;help;quickstart'= {
        }
        &'pxfw;help;cluster'= {
            cand setup 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it'
            cand list 'List the configured clusters'
            cand attach 'Make a cluster the current one'
            cand status 'Show the nodes of a pxfw control plane, their racks, leases and health'
            cand remove 'Remove a cluster''s configuration (and its stored token)'
        }
        &'pxfw;help;cluster;setup'= {
        }
        &'pxfw;help;cluster;list'= {
        }
        &'pxfw;help;cluster;attach'= {
        }
        &'pxfw;help;cluster;status'= {
        }
        &'pxfw;help;cluster;remove'= {
        }
        &'pxfw;help;auth'= {
            cand login 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)'
            cand status 'Show whether a token is stored for the current cluster and whether the cluster accepts it'
            cand logout 'Forget the current cluster''s token and service-account credentials'
        }
        &'pxfw;help;auth;login'= {
        }
        &'pxfw;help;auth;status'= {
        }
        &'pxfw;help;auth;logout'= {
        }
        &'pxfw;help;repo'= {
            cand add 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)'
            cand list 'List the repositories in search order'
            cand remove 'Remove repositories by name'
        }
        &'pxfw;help;repo;add'= {
        }
        &'pxfw;help;repo;list'= {
        }
        &'pxfw;help;repo;remove'= {
        }
        &'pxfw;help;search'= {
        }
        &'pxfw;help;describe'= {
        }
        &'pxfw;help;install'= {
        }
        &'pxfw;help;list'= {
        }
        &'pxfw;help;update'= {
            cand start 'Change the service''s options and/or package version; the scheduler rolls it out via its deploy plan'
            cand package-versions 'Show the current package version and the versions it can move to'
            cand status 'Show the rollout (the `deploy` plan) as a tree'
            cand pause 'Pause the rollout (the `deploy` plan), optionally one phase'
            cand resume 'Resume the paused rollout, optionally one phase'
            cand force-complete 'Mark a step of the rollout complete'
            cand force-restart 'Restart the rollout, a phase or a step'
        }
        &'pxfw;help;update;start'= {
        }
        &'pxfw;help;update;package-versions'= {
        }
        &'pxfw;help;update;status'= {
        }
        &'pxfw;help;update;pause'= {
        }
        &'pxfw;help;update;resume'= {
        }
        &'pxfw;help;update;force-complete'= {
        }
        &'pxfw;help;update;force-restart'= {
        }
        &'pxfw;help;scale'= {
        }
        &'pxfw;help;uninstall'= {
        }
        &'pxfw;help;cleanup'= {
        }
        &'pxfw;help;plan'= {
            cand list 'List the service''s plans (JSON)'
            cand status 'Show a plan as a tree of phases and steps (`--json`: the scheduler''s JSON)'
            cand start 'Start a plan, passing parameters to its tasks as environment variables'
            cand stop 'Stop a running plan: pause it and reset every step to PENDING'
            cand pause 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts'
            cand resume 'Resume a paused plan, or one of its phases'
            cand force-restart 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again'
            cand force-complete 'Mark a step COMPLETE without running it (in the scheduler''s memory only)'
            cand wait 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout'
        }
        &'pxfw;help;plan;list'= {
        }
        &'pxfw;help;plan;status'= {
        }
        &'pxfw;help;plan;start'= {
        }
        &'pxfw;help;plan;stop'= {
        }
        &'pxfw;help;plan;pause'= {
        }
        &'pxfw;help;plan;resume'= {
        }
        &'pxfw;help;plan;force-restart'= {
        }
        &'pxfw;help;plan;force-complete'= {
        }
        &'pxfw;help;plan;wait'= {
        }
        &'pxfw;help;pod'= {
            cand list 'List the pod instances (JSON)'
            cand status 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler''s JSON)'
            cand info 'Show the Mesos task information and last status of each task of a pod (JSON)'
            cand restart 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources'
            cand replace 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)'
        }
        &'pxfw;help;pod;list'= {
        }
        &'pxfw;help;pod;status'= {
        }
        &'pxfw;help;pod;info'= {
        }
        &'pxfw;help;pod;restart'= {
        }
        &'pxfw;help;pod;replace'= {
        }
        &'pxfw;help;endpoints'= {
        }
        &'pxfw;help;debug'= {
            cand config 'Inspect the service''s configurations (the rendered service specs)'
            cand state 'Inspect the scheduler''s persisted state'
            cand pod 'Pause a pod''s tasks for debugging (relaunched with their command replaced by a sleep), or resume them'
            cand health 'Show the scheduler''s health code and what it means (both SDK generations)'
        }
        &'pxfw;help;debug;config'= {
            cand list 'List the ids of the configurations still in use'
            cand show 'Show one configuration'
            cand target 'Show the configuration the service is converging to'
            cand target_id 'Show the id of the target configuration'
        }
        &'pxfw;help;debug;config;list'= {
        }
        &'pxfw;help;debug;config;show'= {
        }
        &'pxfw;help;debug;config;target'= {
        }
        &'pxfw;help;debug;config;target_id'= {
        }
        &'pxfw;help;debug;state'= {
            cand framework_id 'Show the Mesos framework id'
            cand properties 'List the property keys'
            cand property 'Show one property''s value'
            cand refresh_cache 'Make the scheduler reload its state cache'
        }
        &'pxfw;help;debug;state;framework_id'= {
        }
        &'pxfw;help;debug;state;properties'= {
        }
        &'pxfw;help;debug;state;property'= {
        }
        &'pxfw;help;debug;state;refresh_cache'= {
        }
        &'pxfw;help;debug;pod'= {
            cand pause 'Pause a pod, or some of its tasks'
            cand resume 'Resume a paused pod, or some of its tasks'
        }
        &'pxfw;help;debug;pod;pause'= {
        }
        &'pxfw;help;debug;pod;resume'= {
        }
        &'pxfw;help;debug;health'= {
        }
        &'pxfw;help;spec'= {
            cand validate 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints'
            cand render 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps'
        }
        &'pxfw;help;spec;validate'= {
        }
        &'pxfw;help;spec;render'= {
        }
        &'pxfw;help;service'= {
            cand add 'Add a service from a spec: it is validated here, then deployed by the server''s deploy plan'
            cand update 'Change a service''s template variables (e.g. a count) or its spec; the deploy plan rolls it out'
            cand remove 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it'
            cand list 'List the services on the server'
        }
        &'pxfw;help;service;add'= {
        }
        &'pxfw;help;service;update'= {
        }
        &'pxfw;help;service;remove'= {
        }
        &'pxfw;help;service;list'= {
        }
        &'pxfw;help;snapshot'= {
            cand create 'Snapshot every volume of a service as one consistency group, with hooks around the cut'
            cand list 'List snapshots (of one service when given)'
            cand show 'Show one snapshot: its volumes, hooks and their output, timings'
            cand delete 'Delete a snapshot (every volume snapshot of the group)'
            cand restore 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)'
            cand clone 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original''s options, its volumes renamed `<NEW_SVC>-<name>`)'
        }
        &'pxfw;help;snapshot;create'= {
        }
        &'pxfw;help;snapshot;list'= {
        }
        &'pxfw;help;snapshot;show'= {
        }
        &'pxfw;help;snapshot;delete'= {
        }
        &'pxfw;help;snapshot;restore'= {
        }
        &'pxfw;help;snapshot;clone'= {
        }
        &'pxfw;help;node'= {
            cand drain 'Move a node''s pods away for maintenance, one at a time; the node gets no new pod until undrained'
            cand undrain 'End a drain: the node takes pods again (pods that moved away stay where they are)'
            cand lost 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force'
            cand list 'The nodes with their state (active, draining, silent, lost) and pods'
        }
        &'pxfw;help;node;drain'= {
        }
        &'pxfw;help;node;undrain'= {
        }
        &'pxfw;help;node;lost'= {
        }
        &'pxfw;help;node;list'= {
        }
        &'pxfw;help;agent'= {
        }
        &'pxfw;help;server'= {
        }
        &'pxfw;help;help'= {
        }
    ]
    $completions[$command]
}
