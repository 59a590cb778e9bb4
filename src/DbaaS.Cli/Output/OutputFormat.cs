namespace DbaaS.Cli.Output;

/// <summary>How results are printed: a table for people, JSON or bare values for scripts (as <c>openstack -f</c>).</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Value,
}
