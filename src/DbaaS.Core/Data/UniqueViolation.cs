using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DbaaS.Core.Data;

public static class UniqueViolation
{
    /// <summary>True when a save failed on a unique constraint: the caller answers 409, not 500.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
