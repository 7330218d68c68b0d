# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_queuectl_global_optspecs
    string join \n u/redis-url= redis-host= redis-port= redis-username= redis-password= redis-db= tls tls-ca= tls-cert= tls-key= cluster-nodes= sentinels= sentinel-master= sentinel-username= sentinel-password= sentinel-tls prefix= connect-timeout= command-timeout= json q/quiet color= h/help V/version
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
complete -c queuectl -n "__fish_queuectl_needs_command" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_needs_command" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_needs_command" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_needs_command" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_needs_command" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_needs_command" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "enqueue" -d 'Add a job (or, with --file, many jobs) to a queue'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "stats" -d 'Show job counts per state for queues'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "queues" -d 'List the queues under the prefix'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "ls" -d 'List the queues under the prefix'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "jobs" -d 'List jobs of a queue'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "job" -d 'Show one job whole (data, options, state, progress, result, logs), or change it'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "search" -d 'Find jobs across states and queues by name, data, error and time; then act on them'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "crawl" -d 'Crawl a site politely and print each page as JSON (no Redis needed)'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "extract" -d 'Extract main content, Markdown, metadata and chunks from HTML files or stdin'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "worker" -d 'Process jobs from queues, like a BullMQ worker (echo, sleep, --exec handlers)'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "metrics" -d 'Completed and failed jobs per minute (BullMQ metrics), or Prometheus text'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "health" -d 'Check queues, workers and Redis; exit 0 healthy, 1 issues found, 3 unreachable'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "retry-dead" -d 'Retry failed jobs (BullMQ\'s failed set) or a dead-letter list\'s records'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "cleanup" -d 'Remove old jobs, trim event streams, find orphans, or obliterate a queue'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "pause" -d 'Pause queues: workers stop taking new jobs (active ones finish)'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "resume" -d 'Resume paused queues'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "limit" -d 'Show or set a queue\'s global concurrency and rate limit (BullMQ\'s, for all workers)'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "promote" -d 'Move delayed jobs to waiting now'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "remove" -d 'Remove jobs by id'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "rm" -d 'Remove jobs by id'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "drain" -d 'Remove every waiting (and with --delayed, delayed) job of a queue'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "schedule" -d 'Add, list and remove job schedulers (cron or fixed interval)'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "export" -d 'Write queues\' jobs, logs and job schedulers to an NDJSON file (read-only)'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "import" -d 'Re-create the jobs and job schedulers of an export file, idempotently'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "events" -d 'Print queue events (add --follow to keep reading)'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "serve" -d 'Serve the REST API, a WebSocket stream of job events and a live dashboard'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "man" -d 'Print the man page, or write every page to a directory'
complete -c queuectl -n "__fish_queuectl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l file -d 'Read NDJSON jobs from PATH (- for stdin) and add them in bulk' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l skip -d 'Add only the jobs after the first N of --file (to resume a stopped add); every line is still validated' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l queue -d 'Target queue [default: QUEUE_NAME, else routed by job name]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l priority -d 'critical|high|normal|low|bulk or a number from 1 to 2097152' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l customer -d 'Customer id; with --tier or --new-customer it picks the priority' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l tier -d 'Customer tier: premium (high), standard (normal), free (low)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l delay -d 'Run after this long, e.g. 90s, 10m, 1h' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l at -d 'Run at this RFC 3339 time, e.g. 2027-01-01T09:00:00Z' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l attempts -d 'Attempts before the job fails for good [default: QUEUE_MAX_RETRIES, else 3]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l backoff -d 'exponential:DURATION or fixed:DURATION [default: exponential:2s for scrape jobs, else fixed:5s]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l job-id -d 'Custom job id (not an integer, no `:`); a duplicate id adds nothing' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l dedup-id -d 'Deduplication id: while a job with this id exists, adds are ignored' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l dedup-ttl -d 'Keep the deduplication window for this long only' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l remove-on-complete -d 'Completed jobs to keep: a count (N) or an age (DURATION) [default: 100]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l remove-on-fail -d 'Failed jobs to keep: a count (N) or an age (DURATION) [default: 50]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l timeout -d 'With --wait: give up after DURATION (exit 5; the job keeps running)' -r
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
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l new-customer -d 'The customer is new (priority high)'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l lifo -d 'Add to the front of the queue (last in, first out)'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l wait -d 'Wait for the job to finish, mirroring its progress; exit 0 completed, 1 failed'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand enqueue" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
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
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand stats" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
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
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand queues" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
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
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand ls" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
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
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand jobs" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l timeout -d 'With --wait: give up after DURATION (exit 5; the job keeps running)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l set-data -d 'Replace the job\'s data: JSON text, @PATH, or - for stdin (BullMQ\'s updateData)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l set-priority -d 'Change the job\'s priority: a name or 1..2097152 (BullMQ\'s changePriority)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l set-delay -d 'Change a delayed job\'s delay, counted from now (BullMQ\'s changeDelay)' -r
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
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l wait -d 'Wait for the job to finish, mirroring its progress; exit 0 completed, 1 failed'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand job" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -s s -l state -d 'Only jobs in this state (repeatable) [default: every state]' -r -f -a "waiting\t'Ready to run (the `wait` list)'
active\t'Being processed'
delayed\t'Waiting for their delay to pass'
prioritized\t'Ready to run, ordered by priority'
waiting-children\t'Parents waiting for their children'
completed\t'Finished successfully'
failed\t'Failed for good (BullMQ has no separate "dead" state)'"
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l name -d 'Only jobs with this name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l data -d 'Only jobs whose data holds VALUE (PATH=VALUE) or matches REGEX (PATH~REGEX) at a dotted path (repeatable)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l error -d 'Only jobs whose failed reason matches this regular expression' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l since -d 'Only jobs whose time is at or after TIME (RFC 3339, or an age such as 2h)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l until -d 'Only jobs whose time is before TIME (RFC 3339, or an age such as 30m)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l limit -d 'Keep the newest N matches (0 = all)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l max-redis-busy -d 'Pace the search so Redis is busy at most PERCENT of the time (100 = no pacing)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l then -d 'Then act on exactly the matches' -r -f -a "retry\t'Retry the failed matches'
remove\t'Remove the matches'
promote\t'Promote the delayed matches to waiting'
export\t'Write the matches as `queuectl export` does (NDJSON for `queuectl import`)'"
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l dry-run -d 'Show what would change (count and sample ids) and change nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand search" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l max-pages -d 'Fetch at most N pages (never exceeded; redirect hops count once)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l max-depth -d 'Follow links at most N levels from a seed' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l include -d 'Only crawl URLs whose path and query match REGEX (repeatable)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l exclude -d 'Never crawl URLs whose path and query match REGEX (repeatable)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l max-duration -d 'Stop after this long, e.g. 30s, 5m' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l max-links-per-page -d 'Keep at most N links per page; the rest are neither recorded nor followed ("linksTruncated": true)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l max-queued -d 'Queue at most N URLs found in links and sitemaps per crawl [default: 10 × --max-pages]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l max-sitemaps -d 'Fetch at most N sitemap files per crawl' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l max-sitemap-urls -d 'Read at most N sitemap entries per crawl, over all sitemap files' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l host-concurrency -d 'Requests in flight per host' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l delay -d 'Minimum time between request starts to one host (plus up to 50% jitter)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l concurrency -d 'Requests in flight overall' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l user-agent -d 'User-Agent header; its first word is the robots.txt product token' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l http-connect-timeout -d 'Give up connecting to a web server after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l request-timeout -d 'Give up on one request after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l content -d 'Which text each record\'s `text` holds' -r -f -a "main\t'The main content: no navigation, headers, footers, banners, sidebars or comments'
full\t'Every visible string of the page'"
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l chunk-size -d 'Add `chunks` of the Markdown, at most N units each, neighbours sharing OVERLAP (default 0)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l chunk-unit -d 'Unit of --chunk-size' -r -f -a "chars\t'Characters (Unicode scalar values)'
tokens\t'Tokens of --tokenizer'"
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l tokenizer -d 'Token encoding for --chunk-unit tokens' -r -f -a "cl100k_base\t'OpenAI cl100k_base (GPT-4, text-embedding-3)'
o200k_base\t'OpenAI o200k_base (GPT-4o)'"
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l render -d 'Run the page\'s JavaScript in headless Chromium and extract from the rendered DOM ("rendered": true)' -r -f -a "never\t'Static HTML only'
auto\t'Render pages whose HTML is an application shell (little content, an empty script-mounted root)'
always\t'Render every HTML page'"
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l render-wait -d 'Wait at most this long for a rendered page\'s network to go quiet (500 ms without requests)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l render-concurrency -d 'Pages rendered at once, each in a tab of the one browser' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l browser -d 'The Chromium or Chrome executable [default: chromium, google-chrome, ... on PATH]' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l output -d 'Page output format' -r -f -a "ndjson\t'One JSON object per page, written as each page is done'
json\t'One JSON document {"pages": [...], "summary": {...}} at the end'
markdown\t'Title and URL of each page, then its content as Markdown'"
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -s o -l output-file -d 'Write pages to FILE instead of stdout' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l cache -d 'Refresh cache: ETag, Last-Modified and content hash per URL; unchanged pages say so' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l priority -d 'critical|high|normal|low|bulk or a number from 1 to 2097152' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l customer -d 'Customer id; with --tier or --new-customer it picks the priority' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l tier -d 'Customer tier: premium (high), standard (normal), free (low)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l dedup-window -d 'A second job for the same host inside this window is not added' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l timeout -d 'With --wait: give up after DURATION (exit 5; the job keeps running)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l single-page -d 'Fetch only the given pages, not the pages they link to'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l include-subdomains -d 'Also crawl subdomains of the seeds\' hosts'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l no-sitemaps -d 'Do not queue the pages listed in the sitemaps that robots.txt names'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l ignore-robots -d 'Do not fetch or obey robots.txt (only for sites you may crawl anyway)'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l deny-private-networks -d 'Refuse every request (seeds, redirect hops, robots.txt, sitemaps) to a loopback, private, CGNAT, link-local, unique-local, multicast or other non-public address, checked on the address connected to [default: local sites may be crawled]'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l markdown -d 'Add `markdown`: the content as CommonMark/GFM with absolute links'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l render-images -d 'Let rendered pages load images, media and fonts (not loaded by default)'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l force-refresh -d 'Ignore the cache\'s validators and fetch everything again (a refresh job\'s forceRefresh)'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l enqueue -d 'Do not crawl here: add a scrape job to scrape-queue for a worker (needs Redis)'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l refresh -d 'Enqueue a refresh job instead of a crawl'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l new-customer -d 'The customer is new (priority high)'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l wait -d 'Wait for the job to finish, mirroring its progress; exit 0 completed, 1 failed'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand crawl" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l url -d 'The URL the HTML came from: the base for links, images and the record\'s url' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l content -d 'Which text each record\'s `text` holds' -r -f -a "main\t'The main content: no navigation, headers, footers, banners, sidebars or comments'
full\t'Every visible string of the page'"
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l chunk-size -d 'Add `chunks` of the Markdown, at most N units each, neighbours sharing OVERLAP (default 0)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l chunk-unit -d 'Unit of --chunk-size' -r -f -a "chars\t'Characters (Unicode scalar values)'
tokens\t'Tokens of --tokenizer'"
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l tokenizer -d 'Token encoding for --chunk-unit tokens' -r -f -a "cl100k_base\t'OpenAI cl100k_base (GPT-4, text-embedding-3)'
o200k_base\t'OpenAI o200k_base (GPT-4o)'"
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l output -d 'Page output format' -r -f -a "ndjson\t'One JSON object per page, written as each page is done'
json\t'One JSON document {"pages": [...], "summary": {...}} at the end'
markdown\t'Title and URL of each page, then its content as Markdown'"
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -s o -l output-file -d 'Write pages to FILE instead of stdout' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l markdown -d 'Add `markdown`: the content as CommonMark/GFM with absolute links'
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand extract" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l render -d 'Run the page\'s JavaScript in headless Chromium and extract from the rendered DOM ("rendered": true)' -r -f -a "never\t'Static HTML only'
auto\t'Render pages whose HTML is an application shell (little content, an empty script-mounted root)'
always\t'Render every HTML page'"
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l render-wait -d 'Wait at most this long for a rendered page\'s network to go quiet (500 ms without requests)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l render-concurrency -d 'Pages rendered at once, each in a tab of the one browser' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l browser -d 'The Chromium or Chrome executable [default: chromium, google-chrome, ... on PATH]' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l queue -d 'Queue to serve (repeatable) [default: scrape-queue, process-queue, maintenance-queue]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l concurrency -d 'Jobs of QUEUE that run at once, as QUEUE=N (repeatable; other queues use 1)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l scrape-concurrency -d 'Concurrency of scrape-queue when --concurrency does not set it' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l process-concurrency -d 'Concurrency of process-queue when --concurrency does not set it' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l maintenance-concurrency -d 'Concurrency of maintenance-queue when --concurrency does not set it' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l exec -d 'Run COMMAND for jobs named NAME, as NAME=COMMAND (repeatable; NAME `*` for any other)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l job-timeout -d 'Fail a job (retryably) that runs longer than this' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l lock-duration -d 'How long a job\'s lock lasts before it must be renewed' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l stalled-interval -d 'How often to look for stalled jobs (whose worker died)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l poll-interval -d 'How long an idle worker blocks waiting for a job before polling again' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l max-jobs -d 'Exit after this many jobs finished (completed or failed)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l max-runtime -d 'Exit after running this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l grace -d 'On shutdown, how long active jobs may keep running' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l metrics-points -d 'Record BullMQ\'s per-minute completed/failed metrics, keeping this many minutes (what Node\'s Queue.getMetrics and bull-board read)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l name -d 'Worker name, shown by Node\'s Queue.getWorkers()' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l dead-letter-list -d 'Also push a record of every job that fails for good to this Redis list ({jobId, name, queue, data, error, stack, timestamp, attemptsMade})' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l default-backoff -d 'Retry delay for failed non-scrape jobs that have no backoff of their own: fixed:DURATION, exponential:DURATION or none (retry at once, as Node does)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l job-metrics -d 'Which jobs get a metrics log line per attempt (auto: all but echo and sleep, sparing those one Redis round trip per job)' -r -f -a "auto\t'Every handler except echo and sleep'
all\t'Every handler'
off\t'None'"
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l pages-dir -d 'Write each scrape job\'s pages to DIR/QUEUE/JOBID.ndjson (atomically; a retry replaces it) instead of its return value' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l forward -d 'Add one NAME job per scraped page to the queue NAME routes to, instead of returning the pages [NAME when omitted: process-content, routed to process-queue]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l forward-queue -d 'Queue for the --forward jobs [default: the queue NAME routes to]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l forward-dedup-ttl -d 'How long a forwarded page keeps a page with the same url and contentHash from being forwarded again' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l render-images -d 'Let rendered pages load images, media and fonts (not loaded by default)'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l burst -d 'Exit once every served queue has nothing waiting, active or due within 1 s'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l no-metrics -d 'Record no BullMQ metrics'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l allow-private-networks -d 'Let scrape jobs crawl loopback, private and link-local addresses (refused by default: their URLs come from queue data)'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand worker" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l minutes -d 'How many of the latest minutes to read' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l format -d 'Output format' -r -f -a "table\t'A table with totals, rates and a sparkline per queue'
prometheus\t'Prometheus text exposition format, as Node\'s exportPrometheusMetrics()'"
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l label -d 'With --format prometheus: a label added to every sample (repeatable)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand metrics" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l max-failed -d 'Failed jobs above this are an issue ("High failure rate detected")' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l max-waiting -d 'Waiting jobs above this are an issue ("Queue backlog detected")' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l max-wait-age -d 'The oldest waiting job older than this is an issue' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l max-latency -d 'A Redis round trip slower than this is an issue' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l max-memory-percent -d 'Used memory above this percentage of maxmemory is an issue' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l max-events-factor -d 'An events stream longer than this many times its cap is an issue' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l watch -d 'Check again every INTERVAL until Ctrl-C (the exit code is the last check\'s)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand health" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l name -d 'Only jobs with this name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l failed-since -d 'Only jobs that failed at or after TIME (RFC 3339, or an age such as 2h)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l failed-before -d 'Only jobs that failed before TIME (RFC 3339, or an age such as 30m)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l error -d 'Only jobs whose failed reason matches this regular expression' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l id -d 'Only this job id (repeatable)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l limit -d 'Retry at most N jobs, oldest failures first' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l dead-letter-list -d 'Reprocess the dead-letter records in this Redis list instead of the failed set' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l as-new -d 'Re-add each as a new job (priority low, 1 attempt), then remove the original'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l dry-run -d 'Show what would change (count and sample ids) and change nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand retry-dead" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -s s -l state -d 'Remove jobs in this state (repeatable) [default: completed, or none with --orphans]' -r -f -a "completed\t'Finished successfully'
failed\t'Failed for good'
delayed\t'Waiting for their delay to pass'
wait\t'Ready to run (the `wait` list)'
active\t'Being processed (their workers will fail to finish them)'
prioritized\t'Ready to run, ordered by priority'
paused\t'Waiting in a paused queue'"
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l older-than -d 'Only jobs older than this (finished time; else last attempt, else creation time)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l limit -d 'Remove at most N jobs per queue and state' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l trim-events -d 'Also trim each queue\'s events stream to about N entries' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l orphans -d 'Find job hashes no state structure references (removed unless --dry-run)'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l obliterate -d 'Delete the named queues whole: every job, scheduler and key (needs --force)'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l force -d 'With --obliterate: go ahead even with active jobs'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l dry-run -d 'Show what would change (count and sample ids) and change nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand cleanup" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l all -d 'Every queue under the prefix'
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand pause" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l all -d 'Every queue under the prefix'
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand resume" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l concurrency -d 'Global concurrency: at most N active jobs across all workers (`off` removes it)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l rate -d 'Global rate limit: at most MAX jobs started per DURATION (`10/1s`, `100/60000`; `off` removes it)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l clear -d 'Remove both limits'
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand limit" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l all -d 'Every delayed job in the queue'
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand promote" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l dry-run -d 'Show what would change (count and sample ids) and change nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand remove" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l dry-run -d 'Show what would change (count and sample ids) and change nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand rm" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l delayed -d 'Remove delayed jobs too'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l dry-run -d 'Show what would change (count and sample ids) and change nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand drain" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -f -a "add" -d 'Add or update a job scheduler'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -f -a "list" -d 'List job schedulers with their next run'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -f -a "ls" -d 'List job schedulers with their next run'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -f -a "remove" -d 'Remove a job scheduler and its next pending iteration (jobs it already produced stay)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -f -a "rm" -d 'Remove a job scheduler and its next pending iteration (jobs it already produced stay)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and not __fish_seen_subcommand_from add list ls remove rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l cron -d 'Cron expression (5 or 6 fields), e.g. \'0 2 * * *\'' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l tz -d 'IANA time zone for --cron, e.g. America/New_York [default: UTC]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l every -d 'Run every DURATION, e.g. 30s, 15m' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l name -d 'Job name of each iteration [default: the scheduler id]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l queue -d 'Target queue [default: QUEUE_NAME, else routed by job name]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l limit -d 'Stop after this many iterations' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l priority -d 'critical|high|normal|low|bulk or a number from 1 to 2097152' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l customer -d 'Customer id; with --tier or --new-customer it picks the priority' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l tier -d 'Customer tier: premium (high), standard (normal), free (low)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l delay -d 'Run after this long, e.g. 90s, 10m, 1h' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l at -d 'Run at this RFC 3339 time, e.g. 2027-01-01T09:00:00Z' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l attempts -d 'Attempts before the job fails for good [default: QUEUE_MAX_RETRIES, else 3]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l backoff -d 'exponential:DURATION or fixed:DURATION [default: exponential:2s for scrape jobs, else fixed:5s]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l job-id -d 'Custom job id (not an integer, no `:`); a duplicate id adds nothing' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l dedup-id -d 'Deduplication id: while a job with this id exists, adds are ignored' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l dedup-ttl -d 'Keep the deduplication window for this long only' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l remove-on-complete -d 'Completed jobs to keep: a count (N) or an age (DURATION) [default: 100]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l remove-on-fail -d 'Failed jobs to keep: a count (N) or an age (DURATION) [default: 50]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l new-customer -d 'The customer is new (priority high)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l lifo -d 'Add to the front of the queue (last in, first out)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l queue -d 'Only this queue [default: every queue under the prefix]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l queue -d 'Only this queue [default: every queue under the prefix]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l queue -d 'The scheduler\'s queue [default: QUEUE_NAME, else routed by the id as a job name, else the one queue holding it]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l dry-run -d 'Show what would change (count and sample ids) and change nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l queue -d 'The scheduler\'s queue [default: QUEUE_NAME, else routed by the id as a job name, else the one queue holding it]' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l dry-run -d 'Show what would change (count and sample ids) and change nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add or update a job scheduler'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "list" -d 'List job schedulers with their next run'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a job scheduler and its next pending iteration (jobs it already produced stay)'
complete -c queuectl -n "__fish_queuectl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -s o -l output -d 'Write to FILE, or - for stdout' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -s s -l state -d 'Only jobs in this state (repeatable) [default: every state]' -r -f -a "waiting\t'Ready to run (the `wait` list)'
active\t'Being processed'
delayed\t'Waiting for their delay to pass'
prioritized\t'Ready to run, ordered by priority'
waiting-children\t'Parents waiting for their children'
completed\t'Finished successfully'
failed\t'Failed for good (BullMQ has no separate "dead" state)'"
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l name -d 'Only jobs with this name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l data -d 'Only jobs whose data holds VALUE (PATH=VALUE) or matches REGEX (PATH~REGEX) at a dotted path (repeatable)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l error -d 'Only jobs whose failed reason matches this regular expression' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l since -d 'Only jobs whose time is at or after TIME (RFC 3339, or an age such as 2h)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l until -d 'Only jobs whose time is before TIME (RFC 3339, or an age such as 30m)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand export" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l queue -d 'Import every queue of the file into this queue instead' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l as-waiting -d 'Add completed, failed and active jobs too, as waiting jobs'
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l dry-run -d 'Show what would be imported and write nothing'
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand import" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -s n -l limit -d 'Without --from-start, show this many recent events per queue first' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -s f -l follow -d 'Keep reading new events until Ctrl-C'
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l from-start -d 'Start at the oldest event kept in the stream [default: the last --limit events]'
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand events" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l bind -d 'Address to listen on (port 0 picks a free port; the URL is printed)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l token -d 'Bearer token for mutating routes, and for every route off loopback' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l allowed-host -d 'Also answer for this Host header: `name` (with the bound port or none) or `name:port`; repeatable (Host and WebSocket Origin are checked against it)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l header-timeout -d 'Close a connection that has not sent a request\'s headers this long after it opened or after the previous response (so this also ends idle keep-alive)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l idle-timeout -d 'Close a connection on which no byte moved for this long (idle keep-alive, or a client that stopped reading a response)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l max-connections -d 'Open HTTP connections at most; more are closed at once' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l max-ws-clients -d 'Open WebSocket clients at most; more are answered 503' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -s u -l redis-url -d 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l redis-host -d 'Redis host (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l redis-port -d 'Redis port (used when no URL is given)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l redis-username -d 'Redis ACL user name' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l redis-password -d 'Redis password; prefer the environment variable, a flag shows in `ps`' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l redis-db -d 'Redis logical database number' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l tls-ca -d 'CA certificate (PEM) to verify the server with, instead of the public roots' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l tls-cert -d 'Client certificate (PEM) for mutual TLS; needs --tls-key' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l tls-key -d 'Client private key (PEM) for mutual TLS; needs --tls-cert' -r -F
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l cluster-nodes -d 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand serve" -s V -l version -d 'Print version'
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
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand completions" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
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
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l sentinels -d 'Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l sentinel-master -d 'Name of the master set the sentinels monitor; needs --sentinels' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l sentinel-username -d 'ACL user name for the sentinels (--redis-username is the data nodes\')' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l sentinel-password -d 'Password for the sentinels (--redis-password is the data nodes\'); prefer the environment variable' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l prefix -d 'BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l connect-timeout -d 'Give up connecting after this long' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l command-timeout -d 'Give up waiting for any one Redis reply after this long (exit 3)' -r
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l color -d 'When to use colour (`NO_COLOR` set means never)' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l tls -d 'Connect with TLS (implied by a rediss:// URL)'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l sentinel-tls -d 'Talk TLS to the sentinels (--tls is the data nodes\'; --tls-ca serves both)'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -l json -d 'Print machine-readable JSON on stdout'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -s q -l quiet -d 'Print only the data: no notes, warnings or progress bars'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c queuectl -n "__fish_queuectl_using_subcommand man" -s V -l version -d 'Print version'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "enqueue" -d 'Add a job (or, with --file, many jobs) to a queue'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "stats" -d 'Show job counts per state for queues'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "queues" -d 'List the queues under the prefix'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "jobs" -d 'List jobs of a queue'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "job" -d 'Show one job whole (data, options, state, progress, result, logs), or change it'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "search" -d 'Find jobs across states and queues by name, data, error and time; then act on them'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "crawl" -d 'Crawl a site politely and print each page as JSON (no Redis needed)'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "extract" -d 'Extract main content, Markdown, metadata and chunks from HTML files or stdin'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "worker" -d 'Process jobs from queues, like a BullMQ worker (echo, sleep, --exec handlers)'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "metrics" -d 'Completed and failed jobs per minute (BullMQ metrics), or Prometheus text'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "health" -d 'Check queues, workers and Redis; exit 0 healthy, 1 issues found, 3 unreachable'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "retry-dead" -d 'Retry failed jobs (BullMQ\'s failed set) or a dead-letter list\'s records'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "cleanup" -d 'Remove old jobs, trim event streams, find orphans, or obliterate a queue'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "pause" -d 'Pause queues: workers stop taking new jobs (active ones finish)'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "resume" -d 'Resume paused queues'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "limit" -d 'Show or set a queue\'s global concurrency and rate limit (BullMQ\'s, for all workers)'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "promote" -d 'Move delayed jobs to waiting now'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "remove" -d 'Remove jobs by id'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "drain" -d 'Remove every waiting (and with --delayed, delayed) job of a queue'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "schedule" -d 'Add, list and remove job schedulers (cron or fixed interval)'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "export" -d 'Write queues\' jobs, logs and job schedulers to an NDJSON file (read-only)'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "import" -d 'Re-create the jobs and job schedulers of an export file, idempotently'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "events" -d 'Print queue events (add --follow to keep reading)'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "serve" -d 'Serve the REST API, a WebSocket stream of job events and a live dashboard'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "man" -d 'Print the man page, or write every page to a directory'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and not __fish_seen_subcommand_from enqueue stats queues jobs job search crawl extract worker metrics health retry-dead cleanup pause resume limit promote remove drain schedule export import events serve completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "add" -d 'Add or update a job scheduler'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "list" -d 'List job schedulers with their next run'
complete -c queuectl -n "__fish_queuectl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "remove" -d 'Remove a job scheduler and its next pending iteration (jobs it already produced stay)'
