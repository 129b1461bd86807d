# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pxfw_global_optspecs
    string join \n json name= y/yes v/verbose h/help V/version
end

function __fish_pxfw_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pxfw_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pxfw_using_subcommand
    set -l cmd (__fish_pxfw_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pxfw -n "__fish_pxfw_needs_command" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_needs_command" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_needs_command" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_needs_command" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pxfw -n "__fish_pxfw_needs_command" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "quickstart" -d 'Start a one-machine pxfw cluster and deploy the example service in it (`--down` removes it)'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "cluster" -d 'Configure, list, attach and remove clusters (shared with the DC/OS CLI\'s ~/.dcos)'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "auth" -d 'Log in and out of the current cluster'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "repo" -d 'Manage the package repositories of the cluster'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "search" -d 'Search the cluster\'s package repositories'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "describe" -d 'Describe a package, or (without PKG) the configuration of the installed service'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "install" -d 'Install a package as a service'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "list" -d 'List installed services'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "update" -d 'Update a service\'s configuration or package version, and follow the rollout'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "scale" -d 'Change the number of pods of a service\'s pod type'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "uninstall" -d 'Uninstall a service'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "cleanup" -d 'Remove what a DC/OS service left behind (reservations, volumes, frameworks, znode, Portworx volumes)'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "plan" -d 'Show and steer a service\'s rollout plans (deploy, recovery, custom plans)'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "pod" -d 'Show, restart and replace a service\'s pods'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "endpoints" -d 'Show a service\'s endpoints (all names, or one endpoint\'s addresses)'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "endpoint" -d 'Show a service\'s endpoints (all names, or one endpoint\'s addresses)'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "debug" -d 'Inspect a service\'s configurations and state, and pause or resume pods for debugging'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "spec" -d 'Validate and render service specs (svc.yml) offline'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "service" -d 'Add and list services on a pxfw server (from a svc.yml, without a package)'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "snapshot" -d 'Consistency-group snapshots of a whole service, with hooks; restore and clone them'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "node" -d 'Node maintenance on a pxfw control plane: drain, undrain, declare lost, list'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "agent" -d 'Run one node (agent) of a pxfw cluster'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "server" -d 'Run the embedded control plane (serves the DC/OS APIs pxfw uses, plus the agent API)'
complete -c pxfw -n "__fish_pxfw_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand quickstart" -l timeout -d 'How long to wait for the example to deploy' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand quickstart" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand quickstart" -l down -d 'Stop the quickstart cluster and remove everything it created (data and volumes included)'
complete -c pxfw -n "__fish_pxfw_using_subcommand quickstart" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand quickstart" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand quickstart" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand quickstart" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand quickstart" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -f -a "setup" -d 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -f -a "list" -d 'List the configured clusters'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -f -a "attach" -d 'Make a cluster the current one'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -f -a "status" -d 'Show the nodes of a pxfw control plane, their racks, leases and health'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -f -a "remove" -d 'Remove a cluster\'s configuration (and its stored token)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and not __fish_seen_subcommand_from setup list attach status remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -l cluster-name -d 'A name for the cluster (default: its name in Mesos, else its ID)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -l ca-cert -d 'Verify TLS against this PEM CA bundle (copied into the cluster\'s directory)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -l insecure -d 'Skip TLS verification (only on a network you trust)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from setup" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from list" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from attach" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from attach" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from attach" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from attach" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from attach" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from status" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from remove" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from remove" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "setup" -d 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the configured clusters'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Make a cluster the current one'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the nodes of a pxfw control plane, their racks, leases and health'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a cluster\'s configuration (and its stored token)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "login" -d 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "status" -d 'Show whether a token is stored for the current cluster and whether the cluster accepts it'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "logout" -d 'Forget the current cluster\'s token and service-account credentials'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -l username -d 'User id (default: DCOS_USERNAME, else a prompt)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -l password-env -d 'Read the password from this environment variable instead of prompting' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -l service-account -d 'Log in as this service account (needs --private-key)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -l private-key -d 'The service account\'s RSA private key (PEM)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from status" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from logout" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from logout" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show whether a token is stored for the current cluster and whether the cluster accepts it'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Forget the current cluster\'s token and service-account credentials'
complete -c pxfw -n "__fish_pxfw_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List the repositories in search order'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove repositories by name'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from add" -l index -d 'Position in the search order, 0 = searched first (default: last)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from add" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from list" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from remove" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from remove" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the repositories in search order'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove repositories by name'
complete -c pxfw -n "__fish_pxfw_using_subcommand repo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand search" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand search" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand search" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand search" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand search" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand search" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -l package-version -r
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -l options -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -l set -r
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -l repo -d 'Read the package from this repository (http(s)://, file:// or a path) instead of the cluster: works offline' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -l config -d 'Print the package\'s options schema'
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -l render -d 'Print the Marathon app the package renders to (with --options/--set)'
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand describe" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -l options -d 'JSON file with the options to install with' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -l set -d 'Set one option, e.g. --set nodes.count=5 (repeatable; applied after --options)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -l package-version -r
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -l timeout -d 'How long --wait waits (e.g. 90s, 15m)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -l wait -d 'Wait until the service\'s deploy plan is COMPLETE'
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand install" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand list" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand list" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand list" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand list" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand list" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand list" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "start" -d 'Change the service\'s options and/or package version; the scheduler rolls it out via its deploy plan'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "package-versions" -d 'Show the current package version and the versions it can move to'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "status" -d 'Show the rollout (the `deploy` plan) as a tree'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "show" -d 'Show the rollout (the `deploy` plan) as a tree'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "pause" -d 'Pause the rollout (the `deploy` plan), optionally one phase'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "interrupt" -d 'Pause the rollout (the `deploy` plan), optionally one phase'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "resume" -d 'Resume the paused rollout, optionally one phase'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "continue" -d 'Resume the paused rollout, optionally one phase'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "force-complete" -d 'Mark a step of the rollout complete'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "force" -d 'Mark a step of the rollout complete'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "force-restart" -d 'Restart the rollout, a phase or a step'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "restart" -d 'Restart the rollout, a phase or a step'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and not __fish_seen_subcommand_from start package-versions status show pause interrupt resume continue force-complete force force-restart restart help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -l options -d 'JSON file with the options to change (merged with the stored ones unless --replace)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -l set -d 'Set one option, e.g. --set nodes.cpus=2 (repeatable)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -l package-version -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -l timeout -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -l replace -d 'Replace the stored options with exactly these (instead of merging)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -l wait -d 'Wait until the deploy plan is COMPLETE'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from package-versions" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from package-versions" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from package-versions" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from package-versions" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from package-versions" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from package-versions" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from status" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from show" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from pause" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from pause" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from pause" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from pause" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from pause" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from interrupt" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from interrupt" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from interrupt" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from interrupt" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from interrupt" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from interrupt" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from resume" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from resume" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from resume" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from resume" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from resume" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from continue" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from continue" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from continue" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from continue" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from continue" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from continue" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-complete" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-complete" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-complete" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-complete" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-complete" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-complete" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-restart" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-restart" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-restart" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-restart" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-restart" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from force-restart" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from restart" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from restart" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from restart" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from restart" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from help" -f -a "start" -d 'Change the service\'s options and/or package version; the scheduler rolls it out via its deploy plan'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from help" -f -a "package-versions" -d 'Show the current package version and the versions it can move to'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the rollout (the `deploy` plan) as a tree'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause the rollout (the `deploy` plan), optionally one phase'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Resume the paused rollout, optionally one phase'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from help" -f -a "force-complete" -d 'Mark a step of the rollout complete'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from help" -f -a "force-restart" -d 'Restart the rollout, a phase or a step'
complete -c pxfw -n "__fish_pxfw_using_subcommand update; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -l count -d 'The new number of pods' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -l option -d 'Use this option path for the count instead of deriving it (e.g. nodes.count)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -l timeout -r
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -l wait -d 'Wait until the deploy plan is COMPLETE'
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand scale" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -l timeout -r
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -l wait -d 'Wait until the app is gone, then report reservations left behind'
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -l keep-volumes -d 'Keep the service\'s volumes (a pxfw server lists them). On DC/OS the SDK never deletes Portworx volumes; `pxfw cleanup --delete-volumes` does'
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand uninstall" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l principal -d 'The principal the service\'s scheduler reserved with (default `<svc>-principal`, the SDK default; give the service account if the service was installed with another)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l px-endpoint -d 'The Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021): also inventory the service\'s Portworx volumes' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l px-token-env -d 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l volume-prefix -d 'Also count Portworx volumes named exactly `<PREFIX>-<n>`, or `<PREFIX>` (a shared volume), as the service\'s: the fork\'s `docker_volume_name`, or upstream `<svc>-<pod type>` / `volume_name`. Volumes labelled for another service are still left alone. Repeatable' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l dry-run -d 'Show the inventory and what would be done; send no request that changes anything'
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l delete-volumes -d 'Also delete the service\'s Portworx volumes (detached first; needs --px-endpoint). Without it they are listed and kept'
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l force -d 'Clean up even though the service is still installed (its Marathon app exists) or a framework of ours is still active'
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand cleanup" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "list" -d 'List the service\'s plans (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "status" -d 'Show a plan as a tree of phases and steps (`--json`: the scheduler\'s JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "show" -d 'Show a plan as a tree of phases and steps (`--json`: the scheduler\'s JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "start" -d 'Start a plan, passing parameters to its tasks as environment variables'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "stop" -d 'Stop a running plan: pause it and reset every step to PENDING'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "pause" -d 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "interrupt" -d 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "resume" -d 'Resume a paused plan, or one of its phases'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "continue" -d 'Resume a paused plan, or one of its phases'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "force-restart" -d 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "restart" -d 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "force-complete" -d 'Mark a step COMPLETE without running it (in the scheduler\'s memory only)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "force" -d 'Mark a step COMPLETE without running it (in the scheduler\'s memory only)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "wait" -d 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and not __fish_seen_subcommand_from list status show start stop pause interrupt resume continue force-restart restart force-complete force wait help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from list" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from status" -l interval -d 'Time between polls with --watch' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from status" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from status" -l watch -d 'Keep redrawing until the plan completes (Ctrl-C to stop): progress bars per phase on a terminal, otherwise the tree again each time it changes'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from show" -l interval -d 'Time between polls with --watch' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from show" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from show" -l watch -d 'Keep redrawing until the plan completes (Ctrl-C to stop): progress bars per phase on a terminal, otherwise the tree again each time it changes'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from start" -s p -l params -d 'A parameter as VAR=value; repeat for several. VAR must be a valid environment variable name' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from start" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from start" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from start" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from stop" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from stop" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from stop" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from pause" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from pause" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from pause" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from pause" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from pause" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from interrupt" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from interrupt" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from interrupt" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from interrupt" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from interrupt" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from interrupt" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from resume" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from resume" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from resume" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from resume" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from resume" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from continue" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from continue" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from continue" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from continue" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from continue" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from continue" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-restart" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-restart" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-restart" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-restart" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-restart" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-restart" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from restart" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from restart" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from restart" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from restart" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-complete" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-complete" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-complete" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-complete" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-complete" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force-complete" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from force" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from wait" -l timeout -d 'Give up after this long (e.g. 90s, 15m, 1h30m); without it, wait as long as it takes' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from wait" -l interval -d 'Time between polls' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from wait" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from wait" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from wait" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from wait" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the service\'s plans (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show a plan as a tree of phases and steps (`--json`: the scheduler\'s JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start a plan, passing parameters to its tasks as environment variables'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a running plan: pause it and reset every step to PENDING'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Resume a paused plan, or one of its phases'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "force-restart" -d 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "force-complete" -d 'Mark a step COMPLETE without running it (in the scheduler\'s memory only)'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout'
complete -c pxfw -n "__fish_pxfw_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -f -a "list" -d 'List the pod instances (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -f -a "status" -d 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler\'s JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -f -a "info" -d 'Show the Mesos task information and last status of each task of a pod (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -f -a "restart" -d 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -f -a "replace" -d 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and not __fish_seen_subcommand_from list status info restart replace help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from list" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from status" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from info" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from info" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from info" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from info" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from restart" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from restart" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from restart" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from restart" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from replace" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from replace" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from replace" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from replace" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from replace" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from replace" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the pod instances (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler\'s JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show the Mesos task information and last status of each task of a pod (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "replace" -d 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)'
complete -c pxfw -n "__fish_pxfw_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoints" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoints" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoints" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoints" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoints" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoints" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoint" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoint" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoint" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoint" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoint" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand endpoint" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -f -a "config" -d 'Inspect the service\'s configurations (the rendered service specs)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -f -a "state" -d 'Inspect the scheduler\'s persisted state'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -f -a "pod" -d 'Pause a pod\'s tasks for debugging (relaunched with their command replaced by a sleep), or resume them'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -f -a "health" -d 'Show the scheduler\'s health code and what it means (both SDK generations)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and not __fish_seen_subcommand_from config state pod health help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -f -a "list" -d 'List the ids of the configurations still in use'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show one configuration'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -f -a "target" -d 'Show the configuration the service is converging to'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -f -a "target_id" -d 'Show the id of the target configuration'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from config" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -f -a "framework_id" -d 'Show the Mesos framework id'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -f -a "properties" -d 'List the property keys'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -f -a "property" -d 'Show one property\'s value'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -f -a "refresh_cache" -d 'Make the scheduler reload its state cache'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from state" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -f -a "pause" -d 'Pause a pod, or some of its tasks'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -f -a "resume" -d 'Resume a paused pod, or some of its tasks'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from pod" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from health" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from health" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from health" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from health" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from health" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from health" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from help" -f -a "config" -d 'Inspect the service\'s configurations (the rendered service specs)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from help" -f -a "state" -d 'Inspect the scheduler\'s persisted state'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from help" -f -a "pod" -d 'Pause a pod\'s tasks for debugging (relaunched with their command replaced by a sleep), or resume them'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from help" -f -a "health" -d 'Show the scheduler\'s health code and what it means (both SDK generations)'
complete -c pxfw -n "__fish_pxfw_using_subcommand debug; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -f -a "validate" -d 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -f -a "render" -d 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and not __fish_seen_subcommand_from validate render help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -l package -d 'Take the spec from this package\'s scheduler artifact, templated with the env of the Marathon app the package renders to (with --options/--set), exactly as an install would' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -l repo -d 'The package repository (http(s)://, file:// or a path) to read --package from; works offline' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -l package-version -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -l options -d 'Options for rendering --package (a JSON file)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -l set -d 'One option for rendering --package, e.g. --set nodes.count=5' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -s e -l env -d 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -l env-file -d 'Read variables from a file: KEY=VALUE lines, a JSON object, or a rendered Marathon app (`pxfw package render` output) whose `env` is used' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -l package -d 'Take the spec from this package\'s scheduler artifact, templated with the env of the Marathon app the package renders to (with --options/--set), exactly as an install would' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -l repo -d 'The package repository (http(s)://, file:// or a path) to read --package from; works offline' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -l package-version -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -l options -d 'Options for rendering --package (a JSON file)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -l set -d 'One option for rendering --package, e.g. --set nodes.count=5' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -s e -l env -d 'A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -l env-file -d 'Read variables from a file: KEY=VALUE lines, a JSON object, or a rendered Marathon app (`pxfw package render` output) whose `env` is used' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from render" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from help" -f -a "render" -d 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps'
complete -c pxfw -n "__fish_pxfw_using_subcommand spec; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -f -a "add" -d 'Add a service from a spec: it is validated here, then deployed by the server\'s deploy plan'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -f -a "update" -d 'Change a service\'s template variables (e.g. a count) or its spec; the deploy plan rolls it out'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -f -a "remove" -d 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -f -a "list" -d 'List the services on the server'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and not __fish_seen_subcommand_from add update remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from add" -l spec -d 'The svc.yml (its config templates are read from beside it)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from add" -l env -d 'A template variable, e.g. --env NODE_COUNT=3 (repeatable)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from add" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from update" -l env -d 'A template variable to set, e.g. --env STORE_COUNT=5 (repeatable; merged with the current ones)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from update" -l spec -d 'A new svc.yml (default: keep the current one)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from update" -l keep-volumes -d 'Keep the volumes of pods removed by a smaller count (default: delete them)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from update" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from update" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from remove" -l keep-volumes -d 'Keep the service\'s volumes (they are listed)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from remove" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from list" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a service from a spec: it is validated here, then deployed by the server\'s deploy plan'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a service\'s template variables (e.g. a count) or its spec; the deploy plan rolls it out'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the services on the server'
complete -c pxfw -n "__fish_pxfw_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -f -a "create" -d 'Snapshot every volume of a service as one consistency group, with hooks around the cut'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -f -a "list" -d 'List snapshots (of one service when given)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -f -a "show" -d 'Show one snapshot: its volumes, hooks and their output, timings'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -f -a "delete" -d 'Delete a snapshot (every volume snapshot of the group)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -f -a "restore" -d 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -f -a "clone" -d 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original\'s options, its volumes renamed `<NEW_SVC>-<name>`)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and not __fish_seen_subcommand_from create list show delete restore clone help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l name -d 'The snapshot\'s name (default: `<service>-<UTC time>`)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l pre -d 'A command to run in each task with a volume before the cut (repeatable)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l post -d 'A command to run after the cut, always (repeatable)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l pre-background -d 'A command that takes a lock and holds it through the cut by running ${WAIT_CMD} (repeatable)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l label -d 'A label for the snapshot, k=v (repeatable)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l profile -d 'A built-in hook profile (cassandra, elastic, kafka, zookeeper, hdfs, couchdb) or `none`; default: the profile of the service\'s package' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l hook-timeout -d 'Timeout for each hook (default: the hook\'s own, 15 minutes)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l px-endpoint -d 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l px-token-env -d 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l px-legacy-endpoint -d 'The legacy Portworx REST API (group snapshots); default: the gateway\'s host on port 9001' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l pre-plan -d 'DC/OS mode: a plan of the service to run (and wait for) before the cut' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l post-plan -d 'DC/OS mode: a plan to run after the cut, always' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s p -l params -d 'DC/OS mode: a parameter for the plans, VAR=value (repeatable)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l plan-timeout -d 'DC/OS mode: how long each plan may take' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l dry-run -d 'Show the hooks that would run and the volumes that would be cut; take nothing'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l px-endpoint -d 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l px-token-env -d 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l px-legacy-endpoint -d 'The legacy Portworx REST API (group snapshots); default: the gateway\'s host on port 9001' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -l px-endpoint -d 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -l px-token-env -d 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -l px-legacy-endpoint -d 'The legacy Portworx REST API (group snapshots); default: the gateway\'s host on port 9001' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l px-endpoint -d 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l px-token-env -d 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l px-legacy-endpoint -d 'The legacy Portworx REST API (group snapshots); default: the gateway\'s host on port 9001' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l timeout -d 'Give up waiting after this long' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l px-endpoint -d 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l px-token-env -d 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l px-legacy-endpoint -d 'The legacy Portworx REST API (group snapshots); default: the gateway\'s host on port 9001' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l no-wait -d 'Return once the restore plan has started (DC/OS: once the pods are resumed) instead of waiting'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -l as -d 'The new service\'s name' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -l timeout -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -l px-endpoint -d 'DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -l px-token-env -d 'The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -l px-legacy-endpoint -d 'The legacy Portworx REST API (group snapshots); default: the gateway\'s host on port 9001' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -l wait -d 'Wait for the new service\'s deploy plan to complete'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from clone" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "create" -d 'Snapshot every volume of a service as one consistency group, with hooks around the cut'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "list" -d 'List snapshots (of one service when given)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one snapshot: its volumes, hooks and their output, timings'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a snapshot (every volume snapshot of the group)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "clone" -d 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original\'s options, its volumes renamed `<NEW_SVC>-<name>`)'
complete -c pxfw -n "__fish_pxfw_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -f -a "drain" -d 'Move a node\'s pods away for maintenance, one at a time; the node gets no new pod until undrained'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -f -a "undrain" -d 'End a drain: the node takes pods again (pods that moved away stay where they are)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -f -a "lost" -d 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -f -a "list" -d 'The nodes with their state (active, draining, silent, lost) and pods'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and not __fish_seen_subcommand_from drain undrain lost list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from drain" -l timeout -d 'How long --wait waits (exit 124 when it runs out; the drain goes on)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from drain" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from drain" -l wait -d 'Follow the moves until the node runs no pod (exit 1 when a pod can go nowhere else)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from drain" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from drain" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from drain" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from drain" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from drain" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from undrain" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from undrain" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from undrain" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from undrain" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from undrain" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from undrain" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from lost" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from lost" -l force -d 'Required: a machine that still runs its tasks would make two writers of the same data'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from lost" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from lost" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from lost" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from lost" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from lost" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from list" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "drain" -d 'Move a node\'s pods away for maintenance, one at a time; the node gets no new pod until undrained'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "undrain" -d 'End a drain: the node takes pods again (pods that moved away stay where they are)'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "lost" -d 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "list" -d 'The nodes with their state (active, draining, silent, lost) and pods'
complete -c pxfw -n "__fish_pxfw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l server -d 'The pxfw server URL, e.g. http://127.0.0.1:9090' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l token-file -d 'The server\'s token file' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l node-id -d 'This node\'s id (default: the hostname)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l hostname -d 'The hostname placement constraints see (default: this machine\'s)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l zone -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l rack -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l region -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l attr -d 'An attribute constraints can match, e.g. --attr disk=ssd (repeatable)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l cpus -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l mem -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l disk -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l data-dir -d 'Where sandboxes live (default: ~/.pxfw/agents/<node-id>)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l listen -d 'Serve the peer endpoint here (port 0 picks a free one). Peers ask it whether this node still reaches the server; with it, a server outage seen by a majority of the nodes fences nothing. Without it, this node fences on its lease alone when its peers cannot vouch for it' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l advertise -d 'The host name or IP peers dial for the endpoint (default: the --listen IP, or, when that is 0.0.0.0 or ::, the address the server sees this agent register from)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -s h -l help -d 'Print help'
complete -c pxfw -n "__fish_pxfw_using_subcommand agent" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l listen -d 'Address to listen on (port 0 picks a free port; the URL is written to <data-dir>/server.url)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l data-dir -d 'Where the state store and volumes live (default: ~/.pxfw/server, or $PXFW_HOME/server)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l token-file -d 'The token file (created with a random token if missing; default: <data-dir>/token)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l heartbeat-ms -d 'Agent heartbeat interval in ms' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l lease-ms -d 'Agent lease in ms: an agent that cannot renew within it fences itself' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l grace-ms -d 'Extra wait after a lease ends before the node is declared lost and its pods move' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l volume-driver -d 'Where volumes live: `local` (a pool directory on this machine) or `portworx` (needs --px-endpoint)' -r -f -a "local\t'A pool directory on this machine shared by the local agents'
portworx\t'A Portworx cluster through the OpenStorage SDK REST gateway'"
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l volume-pool -d 'The local volume pool (default: <data-dir>/volumes)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l pool-capacity-mb -d 'Capacity of the local pool in MB (default: the filesystem\'s free space when the pool is created)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l px-endpoint -d 'The Portworx OpenStorage SDK REST gateway, e.g. http://px-node:9021 (with --volume-driver portworx)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l px-mount-root -d 'Where Portworx volumes are mounted on the nodes (with --volume-driver portworx)' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l storage-check-ms -d 'How often, in ms, the storage backend\'s node states are read to tell storage failures from host failures (Portworx: a node whose storage daemon is offline while its host is up)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l local-agents -d 'Also run N agents inside this process, on racks rack-1…rack-N: a one-machine cluster' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l user -d 'A user who may log in with `pxfw auth login` (its password is read from --password-env)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l password-env -d 'The environment variable holding --user\'s password (never the password itself on the command line)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l users-file -d 'A file of `uid:password` lines (mode 0600) with more users who may log in' -r -F
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l token-ttl -d 'How long a login token is valid, e.g. 5d or 12h' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l asset -d 'Fetch a package asset from elsewhere (repeatable): `scheduler-zip=/srv/s.zip`, `PACKAGE/scheduler-zip=file:///srv/s.zip`, or a mirror `https://downloads.example.com/=http://mirror/`' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l name -d 'The service to act on (default: the plugin\'s service, or `<plugin>.service_name` in the config)' -r
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -l json -d 'Print machine-readable JSON instead of tables and trees'
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -s y -l yes -d 'Answer yes to every confirmation (required in scripts: prompts are refused without a terminal)'
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -s v -l verbose -d 'Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged'
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pxfw -n "__fish_pxfw_using_subcommand server" -s V -l version -d 'Print version'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "quickstart" -d 'Start a one-machine pxfw cluster and deploy the example service in it (`--down` removes it)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "cluster" -d 'Configure, list, attach and remove clusters (shared with the DC/OS CLI\'s ~/.dcos)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "auth" -d 'Log in and out of the current cluster'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "repo" -d 'Manage the package repositories of the cluster'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "search" -d 'Search the cluster\'s package repositories'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "describe" -d 'Describe a package, or (without PKG) the configuration of the installed service'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "install" -d 'Install a package as a service'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "list" -d 'List installed services'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "update" -d 'Update a service\'s configuration or package version, and follow the rollout'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "scale" -d 'Change the number of pods of a service\'s pod type'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "uninstall" -d 'Uninstall a service'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "cleanup" -d 'Remove what a DC/OS service left behind (reservations, volumes, frameworks, znode, Portworx volumes)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "plan" -d 'Show and steer a service\'s rollout plans (deploy, recovery, custom plans)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "pod" -d 'Show, restart and replace a service\'s pods'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "endpoints" -d 'Show a service\'s endpoints (all names, or one endpoint\'s addresses)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "debug" -d 'Inspect a service\'s configurations and state, and pause or resume pods for debugging'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "spec" -d 'Validate and render service specs (svc.yml) offline'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "service" -d 'Add and list services on a pxfw server (from a svc.yml, without a package)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "snapshot" -d 'Consistency-group snapshots of a whole service, with hooks; restore and clone them'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "node" -d 'Node maintenance on a pxfw control plane: drain, undrain, declare lost, list'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "agent" -d 'Run one node (agent) of a pxfw cluster'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "server" -d 'Run the embedded control plane (serves the DC/OS APIs pxfw uses, plus the agent API)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and not __fish_seen_subcommand_from quickstart cluster auth repo search describe install list update scale uninstall cleanup plan pod endpoints debug spec service snapshot node agent server help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "setup" -d 'Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "list" -d 'List the configured clusters'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "attach" -d 'Make a cluster the current one'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "status" -d 'Show the nodes of a pxfw control plane, their racks, leases and health'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "remove" -d 'Remove a cluster\'s configuration (and its stored token)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show whether a token is stored for the current cluster and whether the cluster accepts it'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Forget the current cluster\'s token and service-account credentials'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from repo" -f -a "add" -d 'Add a repository (Cosmos fetches it first and refuses duplicates by name or URI)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from repo" -f -a "list" -d 'List the repositories in search order'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from repo" -f -a "remove" -d 'Remove repositories by name'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from update" -f -a "start" -d 'Change the service\'s options and/or package version; the scheduler rolls it out via its deploy plan'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from update" -f -a "package-versions" -d 'Show the current package version and the versions it can move to'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from update" -f -a "status" -d 'Show the rollout (the `deploy` plan) as a tree'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from update" -f -a "pause" -d 'Pause the rollout (the `deploy` plan), optionally one phase'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from update" -f -a "resume" -d 'Resume the paused rollout, optionally one phase'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from update" -f -a "force-complete" -d 'Mark a step of the rollout complete'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from update" -f -a "force-restart" -d 'Restart the rollout, a phase or a step'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "list" -d 'List the service\'s plans (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "status" -d 'Show a plan as a tree of phases and steps (`--json`: the scheduler\'s JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "start" -d 'Start a plan, passing parameters to its tasks as environment variables'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "stop" -d 'Stop a running plan: pause it and reset every step to PENDING'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "pause" -d 'Pause a plan, or one of its phases. The step in flight finishes; no new step starts'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "resume" -d 'Resume a paused plan, or one of its phases'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "force-restart" -d 'Restart a plan, a phase, or a step: reset it to PENDING so it runs again'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "force-complete" -d 'Mark a step COMPLETE without running it (in the scheduler\'s memory only)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "wait" -d 'Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "list" -d 'List the pod instances (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "status" -d 'Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler\'s JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "info" -d 'Show the Mesos task information and last status of each task of a pod (JSON)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "restart" -d 'Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "replace" -d 'Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from debug" -f -a "config" -d 'Inspect the service\'s configurations (the rendered service specs)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from debug" -f -a "state" -d 'Inspect the scheduler\'s persisted state'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from debug" -f -a "pod" -d 'Pause a pod\'s tasks for debugging (relaunched with their command replaced by a sleep), or resume them'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from debug" -f -a "health" -d 'Show the scheduler\'s health code and what it means (both SDK generations)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from spec" -f -a "validate" -d 'Template a svc.yml with an environment and check it: YAML shape, references between pods, tasks, resource sets and plans, volumes, ports and placement constraints'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from spec" -f -a "render" -d 'Print the templated svc.yml and a summary of each pod type: count, resources, volume names per instance, placement, and every plan expanded into its steps'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "add" -d 'Add a service from a spec: it is validated here, then deployed by the server\'s deploy plan'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "update" -d 'Change a service\'s template variables (e.g. a count) or its spec; the deploy plan rolls it out'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "remove" -d 'Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept), then removes it'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "list" -d 'List the services on the server'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "create" -d 'Snapshot every volume of a service as one consistency group, with hooks around the cut'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "list" -d 'List snapshots (of one service when given)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "show" -d 'Show one snapshot: its volumes, hooks and their output, timings'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "delete" -d 'Delete a snapshot (every volume snapshot of the group)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "restore" -d 'Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore plan on a pxfw server; pod pause/resume on DC/OS)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "clone" -d 'Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed through Cosmos with the original\'s options, its volumes renamed `<NEW_SVC>-<name>`)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "drain" -d 'Move a node\'s pods away for maintenance, one at a time; the node gets no new pod until undrained'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "undrain" -d 'End a drain: the node takes pods again (pods that moved away stay where they are)'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "lost" -d 'Declare a silent node lost when the server cannot (too few nodes for a majority): you assert its machine is down, and its pods start elsewhere with their volumes detached by force'
complete -c pxfw -n "__fish_pxfw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "list" -d 'The nodes with their state (active, draining, silent, lost) and pods'
