
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'queuectl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'queuectl'
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
        'queuectl' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enqueue', 'enqueue', [CompletionResultType]::ParameterValue, 'Add a job (or, with --file, many jobs) to a queue')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Show job counts per state for queues')
            [CompletionResult]::new('queues', 'queues', [CompletionResultType]::ParameterValue, 'List the queues under the prefix')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the queues under the prefix')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'List jobs of a queue')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'Show one job whole: data, options, state, progress, result, logs')
            [CompletionResult]::new('crawl', 'crawl', [CompletionResultType]::ParameterValue, 'Crawl a site politely and print each page as JSON (no Redis needed)')
            [CompletionResult]::new('worker', 'worker', [CompletionResultType]::ParameterValue, 'Process jobs from queues, like a BullMQ worker (echo, sleep, --exec handlers)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write every page to a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'queuectl;enqueue' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read NDJSON jobs from PATH (- for stdin) and add them in bulk')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Target queue [default: QUEUE_NAME, else routed by job name]')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'critical|high|normal|low|bulk or a number from 1 to 2097152')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Customer id; with --tier or --new-customer it picks the priority')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'Customer tier: premium (high), standard (normal), free (low)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Run after this long, e.g. 90s, 10m, 1h')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Run at this RFC 3339 time, e.g. 2026-12-01T09:00:00Z')
            [CompletionResult]::new('--attempts', '--attempts', [CompletionResultType]::ParameterName, 'Attempts before the job fails for good [default: QUEUE_MAX_RETRIES, else 3]')
            [CompletionResult]::new('--backoff', '--backoff', [CompletionResultType]::ParameterName, 'exponential:DURATION or fixed:DURATION [default: exponential:2s for scrape jobs, else fixed:5s]')
            [CompletionResult]::new('--job-id', '--job-id', [CompletionResultType]::ParameterName, 'Custom job id (not an integer, no `:`); a duplicate id adds nothing')
            [CompletionResult]::new('--dedup-id', '--dedup-id', [CompletionResultType]::ParameterName, 'Deduplication id: while a job with this id exists, adds are ignored')
            [CompletionResult]::new('--dedup-ttl', '--dedup-ttl', [CompletionResultType]::ParameterName, 'Keep the deduplication window for this long only')
            [CompletionResult]::new('--remove-on-complete', '--remove-on-complete', [CompletionResultType]::ParameterName, 'Completed jobs to keep: a count (N) or an age (DURATION) [default: 100]')
            [CompletionResult]::new('--remove-on-fail', '--remove-on-fail', [CompletionResultType]::ParameterName, 'Failed jobs to keep: a count (N) or an age (DURATION) [default: 50]')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--new-customer', '--new-customer', [CompletionResultType]::ParameterName, 'The customer is new (priority high)')
            [CompletionResult]::new('--lifo', '--lifo', [CompletionResultType]::ParameterName, 'Add to the front of the queue (last in, first out)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;stats' {
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Redraw every INTERVAL until Ctrl-C')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;queues' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;ls' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;jobs' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only jobs in this state [default: all states]')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only jobs in this state [default: all states]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N jobs')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N jobs')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;job' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;crawl' {
            [CompletionResult]::new('--max-pages', '--max-pages', [CompletionResultType]::ParameterName, 'Fetch at most N pages (never exceeded; redirect hops count once)')
            [CompletionResult]::new('--max-depth', '--max-depth', [CompletionResultType]::ParameterName, 'Follow links at most N levels from a seed')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Only crawl URLs whose path and query match REGEX (repeatable)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Never crawl URLs whose path and query match REGEX (repeatable)')
            [CompletionResult]::new('--max-duration', '--max-duration', [CompletionResultType]::ParameterName, 'Stop after this long, e.g. 30s, 5m')
            [CompletionResult]::new('--host-concurrency', '--host-concurrency', [CompletionResultType]::ParameterName, 'Requests in flight per host')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Minimum time between request starts to one host (plus up to 50% jitter)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight overall')
            [CompletionResult]::new('--user-agent', '--user-agent', [CompletionResultType]::ParameterName, 'User-Agent header; its first word is the robots.txt product token')
            [CompletionResult]::new('--http-connect-timeout', '--http-connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to a web server after this long')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this long')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Page output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write pages to FILE instead of stdout')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write pages to FILE instead of stdout')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Refresh cache: ETag, Last-Modified and content hash per URL; unchanged pages say so')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'critical|high|normal|low|bulk or a number from 1 to 2097152')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Customer id; with --tier or --new-customer it picks the priority')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'Customer tier: premium (high), standard (normal), free (low)')
            [CompletionResult]::new('--dedup-window', '--dedup-window', [CompletionResultType]::ParameterName, 'A second job for the same host inside this window is not added')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--single-page', '--single-page', [CompletionResultType]::ParameterName, 'Fetch only the given pages, not the pages they link to')
            [CompletionResult]::new('--include-subdomains', '--include-subdomains', [CompletionResultType]::ParameterName, 'Also crawl subdomains of the seeds'' hosts')
            [CompletionResult]::new('--no-sitemaps', '--no-sitemaps', [CompletionResultType]::ParameterName, 'Do not queue the pages listed in the sitemaps that robots.txt names')
            [CompletionResult]::new('--ignore-robots', '--ignore-robots', [CompletionResultType]::ParameterName, 'Do not fetch or obey robots.txt (only for sites you may crawl anyway)')
            [CompletionResult]::new('--force-refresh', '--force-refresh', [CompletionResultType]::ParameterName, 'Ignore the cache''s validators and fetch everything again (a refresh job''s forceRefresh)')
            [CompletionResult]::new('--enqueue', '--enqueue', [CompletionResultType]::ParameterName, 'Do not crawl here: add a scrape job to scrape-queue for a worker (needs Redis)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Enqueue a refresh job instead of a crawl')
            [CompletionResult]::new('--new-customer', '--new-customer', [CompletionResultType]::ParameterName, 'The customer is new (priority high)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;worker' {
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Queue to serve (repeatable) [default: scrape-queue, process-queue, maintenance-queue]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs of QUEUE that run at once, as QUEUE=N (repeatable; other queues use 1)')
            [CompletionResult]::new('--scrape-concurrency', '--scrape-concurrency', [CompletionResultType]::ParameterName, 'Concurrency of scrape-queue when --concurrency does not set it')
            [CompletionResult]::new('--process-concurrency', '--process-concurrency', [CompletionResultType]::ParameterName, 'Concurrency of process-queue when --concurrency does not set it')
            [CompletionResult]::new('--maintenance-concurrency', '--maintenance-concurrency', [CompletionResultType]::ParameterName, 'Concurrency of maintenance-queue when --concurrency does not set it')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run COMMAND for jobs named NAME, as NAME=COMMAND (repeatable; NAME `*` for any other)')
            [CompletionResult]::new('--job-timeout', '--job-timeout', [CompletionResultType]::ParameterName, 'Fail a job (retryably) that runs longer than this')
            [CompletionResult]::new('--lock-duration', '--lock-duration', [CompletionResultType]::ParameterName, 'How long a job''s lock lasts before it must be renewed')
            [CompletionResult]::new('--stalled-interval', '--stalled-interval', [CompletionResultType]::ParameterName, 'How often to look for stalled jobs (whose worker died)')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'How long an idle worker blocks waiting for a job before polling again')
            [CompletionResult]::new('--max-jobs', '--max-jobs', [CompletionResultType]::ParameterName, 'Exit after this many jobs finished (completed or failed)')
            [CompletionResult]::new('--max-runtime', '--max-runtime', [CompletionResultType]::ParameterName, 'Exit after running this long')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'On shutdown, how long active jobs may keep running')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Worker name, shown by Node''s Queue.getWorkers()')
            [CompletionResult]::new('--dead-letter-list', '--dead-letter-list', [CompletionResultType]::ParameterName, 'Also push a record of every job that fails for good to this Redis list ({jobId, name, queue, data, error, stack, timestamp, attemptsMade})')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--burst', '--burst', [CompletionResultType]::ParameterName, 'Exit once every served queue has nothing waiting, active or due within 1 s')
            [CompletionResult]::new('--allow-private-networks', '--allow-private-networks', [CompletionResultType]::ParameterName, 'Let scrape jobs crawl loopback, private and link-local addresses (refused by default: their URLs come from queue data)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;completions' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write queuectl.1 and one page per subcommand into DIR instead of printing')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS')
            [CompletionResult]::new('--redis-host', '--redis-host', [CompletionResultType]::ParameterName, 'Redis host (used when no URL is given)')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis port (used when no URL is given)')
            [CompletionResult]::new('--redis-username', '--redis-username', [CompletionResultType]::ParameterName, 'Redis ACL user name')
            [CompletionResult]::new('--redis-password', '--redis-password', [CompletionResultType]::ParameterName, 'Redis password; prefer the environment variable, a flag shows in `ps`')
            [CompletionResult]::new('--redis-db', '--redis-db', [CompletionResultType]::ParameterName, 'Redis logical database number')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with, instead of the public roots')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS; needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS; needs --tls-cert')
            [CompletionResult]::new('--cluster-nodes', '--cluster-nodes', [CompletionResultType]::ParameterName, 'Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` set means never)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS (implied by a rediss:// URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the data: no notes, warnings or progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'queuectl;help' {
            [CompletionResult]::new('enqueue', 'enqueue', [CompletionResultType]::ParameterValue, 'Add a job (or, with --file, many jobs) to a queue')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Show job counts per state for queues')
            [CompletionResult]::new('queues', 'queues', [CompletionResultType]::ParameterValue, 'List the queues under the prefix')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'List jobs of a queue')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'Show one job whole: data, options, state, progress, result, logs')
            [CompletionResult]::new('crawl', 'crawl', [CompletionResultType]::ParameterValue, 'Crawl a site politely and print each page as JSON (no Redis needed)')
            [CompletionResult]::new('worker', 'worker', [CompletionResultType]::ParameterValue, 'Process jobs from queues, like a BullMQ worker (echo, sleep, --exec handlers)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write every page to a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'queuectl;help;enqueue' {
            break
        }
        'queuectl;help;stats' {
            break
        }
        'queuectl;help;queues' {
            break
        }
        'queuectl;help;jobs' {
            break
        }
        'queuectl;help;job' {
            break
        }
        'queuectl;help;crawl' {
            break
        }
        'queuectl;help;worker' {
            break
        }
        'queuectl;help;completions' {
            break
        }
        'queuectl;help;man' {
            break
        }
        'queuectl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
