namespace DbaaS.Cli;

/// <summary>Exit codes scripts can rely on. 2 follows argparse (and so the openstack CLI) for "you called me wrong".</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
