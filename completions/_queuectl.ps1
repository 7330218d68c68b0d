
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
