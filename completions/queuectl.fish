# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_queuectl_global_optspecs
    string join \n u/redis-url= redis-host= redis-port= redis-username= redis-password= redis-db= tls tls-ca= tls-cert= tls-key= cluster-nodes= prefix= connect-timeout= json q/quiet color= h/help V/version
end

function __fish_queuectl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_queuectl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_queuectl_using_subcommand
    set -l cmd (__fish_queuectl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c queuectl -n "__fish_queuectl_needs_command" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_needs_command" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_needs_command" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_needs_command" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_needs_command" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_needs_command" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_needs_command" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "enqueue" -d 'Add a job (or, with --file, many jobs) to a queue'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "stats" -d 'Show job counts per state for queues'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "queues" -d 'List the queues under the prefix'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "ls" -d 'List the queues under the prefix'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "jobs" -d 'List jobs of a queue'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "job" -d 'Show one job whole: data, options, state, progress, result, logs'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "man" -d 'Print the man page, or write every page to a directory'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l file -d 'Read NDJSON jobs from PATH (- for stdin) and add them in bulk' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l queue -d 'Target queue [default: QUEUE_NAME, else routed by job name]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l priority -d 'critical|high|normal|low|bulk or a number from 1 to 2097152' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l customer -d 'Customer id; with --tier or --new-customer it picks the priority' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l tier -d 'Customer tier: premium (high), standard (normal), free (low)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l delay -d 'Run after this long, e.g. 90s, 10m, 1h' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l at -d 'Run at this RFC 3339 time, e.g. 2026-12-01T09:00:00Z' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l attempts -d 'Attempts before the job fails for good [default: QUEUE_MAX_RETRIES, else 3]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l backoff -d 'exponential:DURATION or fixed:DURATION [default: exponential:2s for scrape jobs, else fixed:5s]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l job-id -d 'Custom job id (not an integer, no `:`); a duplicate id adds nothing' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l dedup-id -d 'Deduplication id: while a job with this id exists, adds are ignored' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l dedup-ttl -d 'Keep the deduplication window for this long only' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l remove-on-complete -d 'Completed jobs to keep: a count (N) or an age (DURATION) [default: 100]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l remove-on-fail -d 'Failed jobs to keep: a count (N) or an age (DURATION) [default: 50]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l new-customer -d 'The customer is new (priority high)'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l lifo -d 'Add to the front of the queue (last in, first out)'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l watch -d 'Redraw every INTERVAL until Ctrl-C' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -s s -l state -d 'Only jobs in this state [default: all states]' -r -f -a "waiting\t'Ready to run (the `wait` list)'
active\t'Being processed'
delayed\t'Waiting for their delay to pass'
prioritized\t'Ready to run, ordered by priority'
waiting-children\t'Parents waiting for their children'
completed\t'Finished successfully'
failed\t'Failed for good (BullMQ has no separate "dead" state)'"
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l limit -d 'Show at most N jobs' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l offset -d 'Skip the first N jobs' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l dir -d 'Write queuectl.1 and one page per subcommand into DIR instead of printing' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l prefix -d 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job completions man help" -f -a "enqueue" -d 'Add a job (or, with --file, many jobs) to a queue'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job completions man help" -f -a "stats" -d 'Show job counts per state for queues'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job completions man help" -f -a "queues" -d 'List the queues under the prefix'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job completions man help" -f -a "jobs" -d 'List jobs of a queue'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job completions man help" -f -a "job" -d 'Show one job whole: data, options, state, progress, result, logs'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job completions man help" -f -a "man" -d 'Print the man page, or write every page to a directory'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
