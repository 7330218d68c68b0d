
use builtin;
use str;

set edit:completion:arg-completer[queuectl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'queuectl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'queuectl'= {
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enqueue 'Add a job (or, with --file, many jobs) to a queue'
            cand stats 'Show job counts per state for queues'
            cand queues 'List the queues under the prefix'
            cand ls 'List the queues under the prefix'
            cand jobs 'List jobs of a queue'
            cand job 'Show one job whole: data, options, state, progress, result, logs'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page, or write every page to a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'queuectl;enqueue'= {
            cand --file 'Read NDJSON jobs from PATH (- for stdin) and add them in bulk'
            cand --queue 'Target queue [default: QUEUE_NAME, else routed by job name]'
            cand --priority 'critical|high|normal|low|bulk or a number from 1 to 2097152'
            cand --customer 'Customer id; with --tier or --new-customer it picks the priority'
            cand --tier 'Customer tier: premium (high), standard (normal), free (low)'
            cand --delay 'Run after this long, e.g. 90s, 10m, 1h'
            cand --at 'Run at this RFC 3339 time, e.g. 2026-12-01T09:00:00Z'
            cand --attempts 'Attempts before the job fails for good [default: QUEUE_MAX_RETRIES, else 3]'
            cand --backoff 'exponential:DURATION or fixed:DURATION [default: exponential:2s for scrape jobs, else fixed:5s]'
            cand --job-id 'Custom job id (not an integer, no `:`); a duplicate id adds nothing'
            cand --dedup-id 'Deduplication id: while a job with this id exists, adds are ignored'
            cand --dedup-ttl 'Keep the deduplication window for this long only'
            cand --remove-on-complete 'Completed jobs to keep: a count (N) or an age (DURATION) [default: 100]'
            cand --remove-on-fail 'Failed jobs to keep: a count (N) or an age (DURATION) [default: 50]'
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --new-customer 'The customer is new (priority high)'
            cand --lifo 'Add to the front of the queue (last in, first out)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'queuectl;stats'= {
            cand --watch 'Redraw every INTERVAL until Ctrl-C'
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'queuectl;queues'= {
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'queuectl;ls'= {
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'queuectl;jobs'= {
            cand -s 'Only jobs in this state [default: all states]'
            cand --state 'Only jobs in this state [default: all states]'
            cand --limit 'Show at most N jobs'
            cand --offset 'Skip the first N jobs'
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'queuectl;job'= {
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'queuectl;completions'= {
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'queuectl;man'= {
            cand --dir 'Write queuectl.1 and one page per subcommand into DIR instead of printing'
            cand -u 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-url 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS'
            cand --redis-host 'Redis host (used when no URL is given)'
            cand --redis-port 'Redis port (used when no URL is given)'
            cand --redis-username 'Redis ACL user name'
            cand --redis-password 'Redis password; prefer the environment variable, a flag shows in `ps`'
            cand --redis-db 'Redis logical database number'
            cand --cluster-nodes 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)'
            cand --prefix 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`'
            cand --connect-timeout 'Give up connecting after this long'
            cand --color 'When to use colour (`NO_COLOR` set means never)'
            cand --tls 'Connect with TLS (implied by a rediss:// URL)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only the data: no notes, warnings or progress bars'
            cand --quiet 'Print only the data: no notes, warnings or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'queuectl;help'= {
            cand enqueue 'Add a job (or, with --file, many jobs) to a queue'
            cand stats 'Show job counts per state for queues'
            cand queues 'List the queues under the prefix'
            cand jobs 'List jobs of a queue'
            cand job 'Show one job whole: data, options, state, progress, result, logs'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page, or write every page to a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'queuectl;help;enqueue'= {
        }
        &'queuectl;help;stats'= {
        }
        &'queuectl;help;queues'= {
        }
        &'queuectl;help;jobs'= {
        }
        &'queuectl;help;job'= {
        }
        &'queuectl;help;completions'= {
        }
        &'queuectl;help;man'= {
        }
        &'queuectl;help;help'= {
        }
    ]
    $completions[$command]
}
