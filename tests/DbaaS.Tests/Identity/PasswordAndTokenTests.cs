using DbaaS.Core.Identity;

namespace DbaaS.Tests.Identity;

public sealed class PasswordAndTokenTests
{
    [Fact]
    public void A_hashed_password_verifies_and_a_wrong_one_does_not()
    {
        var stored = PasswordHasher.Hash("correct horse", iterations: 1000);
        Assert.StartsWith("pbkdf2-sha256$1000$", stored);
        Assert.True(PasswordHasher.Verify("correct horse", stored));
        Assert.False(PasswordHasher.Verify("correct horsE", stored));
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time()
    {
        Assert.NotEqual(PasswordHasher.Hash("pw", 1000), PasswordHasher.Hash("pw", 1000));
    }

    [Fact]
    public void A_malformed_stored_hash_never_verifies()
    {
        Assert.False(PasswordHasher.Verify("pw", "plain-text-password"));
        Assert.False(PasswordHasher.Verify("pw", "md5$1$abc$def"));
    }

    [Fact]
    public void Tokens_are_random_url_safe_and_stored_only_as_their_hash()
    {
        var a = TokenHashing.NewToken();
        var b = TokenHashing.NewToken();
        Assert.NotEqual(a, b);
        Assert.Matches("^dbaas_[A-Za-z0-9_-]{43}$", a);
        Assert.Equal(64, TokenHashing.Hash(a).Length);
        Assert.DoesNotContain(a, TokenHashing.Hash(a));
        Assert.Equal(12, TokenHashing.LogId(TokenHashing.Hash(a)).Length);
    }
}
