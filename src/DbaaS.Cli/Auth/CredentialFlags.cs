using System.CommandLine;

namespace DbaaS.Cli.Auth;

/// <summary>
/// The <c>--os-*</c> flags. The root command shows them once in <c>dbaas --help</c>; every leaf command
/// carries hidden copies so they also work after the subcommand (<c>dbaas flavor list --os-region-name R2</c>)
/// without repeating thirteen lines in each command's help.
/// </summary>
internal sealed class CredentialFlags
{
    private readonly Dictionary<CredentialSetting, Option<string>> _flags;

    private CredentialFlags(bool hidden) =>
        _flags = CredentialSetting.All.ToDictionary(
            setting => setting,
            setting => new Option<string>(setting.Flag)
            {
                Description = $"{setting.Description} [env: {setting.Variable}]",
                HelpName = setting.Flag["--os-".Length..],
                Hidden = hidden,
            });

    public static CredentialFlags ShownOn(Command root) => new CredentialFlags(hidden: false).AddTo(root);

    public static CredentialFlags HiddenOn(Command leaf) => new CredentialFlags(hidden: true).AddTo(leaf);

    /// <summary>The flag's value; an empty one counts as not given, as an exported-but-empty variable does.</summary>
    public string? ValueIn(ParseResult parse, CredentialSetting setting) =>
        parse.GetValue(_flags[setting]) is { Length: > 0 } value ? value : null;

    private CredentialFlags AddTo(Command command)
    {
        foreach (var flag in _flags.Values)
        {
            command.Options.Add(flag);
        }
        return this;
    }
}
