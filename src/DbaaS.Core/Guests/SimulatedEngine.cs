using System.Security.Cryptography;
using DbaaS.Contracts.Guest;

namespace DbaaS.Core.Guests;

/// <summary>
/// The databases, users and root of one simulated instance, with a real guest's answers: lists sorted (ordinal),
/// all-or-nothing creates, not_found and already_exists errors. Passwords are kept only to be replaced.
/// </summary>
sealed class SimulatedEngine
{
    sealed record User(string Name, string? Host, string Password, SortedSet<string> Databases);

    readonly Lock _lock = new();
    readonly SortedDictionary<string, DatabaseSpec> _databases = new(StringComparer.Ordinal);
    readonly List<User> _users = [];

    public bool RootEnabled { get; private set; }

    public void Prepare(IReadOnlyList<DatabaseSpec> databases, IReadOnlyList<UserSpec> users)
    {
        lock (_lock)
        {
            foreach (var database in databases) _databases[database.Name] = database;
            foreach (var user in users)
                if (Find(user.Name, user.Host) is null)
                    _users.Add(new User(user.Name, user.Host, user.Password, new SortedSet<string>(user.Databases ?? [], StringComparer.Ordinal)));
        }
    }

    public DatabaseList ListDatabases()
    {
        lock (_lock) return new DatabaseList(_databases.Values.ToList());
    }

    public void CreateDatabases(IReadOnlyList<DatabaseSpec> databases)
    {
        lock (_lock)
        {
            foreach (var database in databases)
                if (_databases.ContainsKey(database.Name)) throw Exists($"Database '{database.Name}' already exists.");
            foreach (var database in databases) _databases[database.Name] = database;
        }
    }

    public void DeleteDatabase(string name)
    {
        lock (_lock)
        {
            if (!_databases.Remove(name)) throw NotFound($"Database '{name}' does not exist.");
            foreach (var user in _users) user.Databases.Remove(name);
        }
    }

    public UserList ListUsers()
    {
        lock (_lock)
            return new UserList(_users.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Host, StringComparer.Ordinal)
                .Select(u => new UserInfo(u.Name, u.Host, u.Databases.ToList())).ToList());
    }

    public void CreateUsers(IReadOnlyList<UserSpec> users)
    {
        lock (_lock)
        {
            foreach (var user in users)
            {
                if (Find(user.Name, user.Host) is not null) throw Exists($"User '{Shown(user.Name, user.Host)}' already exists.");
                foreach (var database in user.Databases ?? [])
                    if (!_databases.ContainsKey(database)) throw NotFound($"Database '{database}' does not exist.");
            }
            foreach (var user in users)
                _users.Add(new User(user.Name, user.Host, user.Password, new SortedSet<string>(user.Databases ?? [], StringComparer.Ordinal)));
        }
    }

    public void DeleteUser(UserRef user)
    {
        lock (_lock) _users.Remove(Existing(user));
    }

    public void ChangePasswords(IReadOnlyList<UserPassword> users)
    {
        lock (_lock)
        {
            var found = users.Select(u => (Existing(new UserRef(u.Name, u.Host)), u.Password)).ToList();
            foreach (var (user, password) in found) Replace(user, user with { Password = password });
        }
    }

    public void UpdateUser(UpdateUserArgs update)
    {
        lock (_lock)
        {
            var user = Existing(update.User);
            var renamed = user with
            {
                Name = update.NewName ?? user.Name,
                Host = update.NewHost ?? user.Host,
                Password = update.NewPassword ?? user.Password,
            };
            if ((renamed.Name != user.Name || renamed.Host != user.Host) && Find(renamed.Name, renamed.Host) is not null)
                throw Exists($"User '{Shown(renamed.Name, renamed.Host)}' already exists.");
            Replace(user, renamed);
        }
    }

    public void Grant(UserRef user, IReadOnlyList<string> databases)
    {
        lock (_lock)
        {
            var existing = Existing(user);
            foreach (var database in databases)
                if (!_databases.ContainsKey(database)) throw NotFound($"Database '{database}' does not exist.");
            existing.Databases.UnionWith(databases);
        }
    }

    public void Revoke(UserRef user, string database)
    {
        lock (_lock)
        {
            var existing = Existing(user);
            if (!_databases.ContainsKey(database)) throw NotFound($"Database '{database}' does not exist.");
            if (!existing.Databases.Remove(database))
                throw NotFound($"User '{Shown(user.Name, user.Host)}' has no access to database '{database}'.");
        }
    }

    public RootCredentials EnableRoot(string? password)
    {
        lock (_lock)
        {
            RootEnabled = true;
            return new RootCredentials("root", password ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', 'x').Replace('/', 'y'));
        }
    }

    public void DisableRoot()
    {
        lock (_lock) RootEnabled = false;
    }

    User? Find(string name, string? host) => _users.FirstOrDefault(u => u.Name == name && u.Host == host);

    User Existing(UserRef user) => Find(user.Name, user.Host) ?? throw NotFound($"User '{Shown(user.Name, user.Host)}' does not exist.");

    void Replace(User old, User replacement) => _users[_users.IndexOf(old)] = replacement;

    static string Shown(string name, string? host) => host is null ? name : $"{name}@{host}";

    static GuestCallFailedException NotFound(string message) => new(GuestErrorTypes.NotFound, message);

    static GuestCallFailedException Exists(string message) => new(GuestErrorTypes.AlreadyExists, message);
}
