using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DbaaS.Tests.Guests;

public sealed class GuestKeyProtectorTests
{
    const string EncryptionKey = "ZGJhYXMtdGVzdHMtaW5zdGFuY2Uta2V5LWVuY3J5cHQ=";

    static GuestKeyProtector Protector(string? encryptionKey) =>
        new(Options.Create(new GuestKeyOptions { EncryptionKey = encryptionKey }), NullLogger<GuestKeyProtector>.Instance);

    [Fact]
    public void With_an_encryption_key_the_stored_form_hides_the_key_and_gives_it_back()
    {
        var protector = Protector(EncryptionKey);
        var id = Guid.NewGuid();
        var key = EnvelopeSeal.NewKey();

        var stored = protector.Protect(id, key);

        Assert.Equal(1 + 12 + EnvelopeSeal.KeySize + 16, stored.Length);
        Assert.Equal(1, stored[0]);
        Assert.False(stored.AsSpan().IndexOf(key) >= 0, "the key appears in its stored form");
        Assert.Equal(key, protector.Unprotect(id, stored));
        Assert.NotEqual(stored, protector.Protect(id, key)); // a new nonce each time
    }

    [Fact]
    public void A_sealed_key_does_not_open_for_another_instance_nor_under_another_encryption_key()
    {
        var id = Guid.NewGuid();
        var stored = Protector(EncryptionKey).Protect(id, EnvelopeSeal.NewKey());

        Assert.Throws<EnvelopeRejectedException>(() => Protector(EncryptionKey).Unprotect(Guid.NewGuid(), stored));
        Assert.Throws<EnvelopeRejectedException>(() => Protector(Convert.ToBase64String(EnvelopeSeal.NewKey())).Unprotect(id, stored));
    }

    [Fact]
    public void Keys_stored_in_the_clear_before_are_still_read_with_or_without_an_encryption_key()
    {
        var key = EnvelopeSeal.NewKey();
        Assert.Equal(key, Protector(EncryptionKey).Unprotect(Guid.NewGuid(), key));
        Assert.Equal(key, Protector(null).Unprotect(Guid.NewGuid(), key));
        Assert.Equal(key, Protector(null).Protect(Guid.NewGuid(), key)); // no encryption key: stored as it is
    }

    [Fact]
    public void A_sealed_key_without_the_encryption_key_is_a_clear_error_naming_the_setting()
    {
        var id = Guid.NewGuid();
        var stored = Protector(EncryptionKey).Protect(id, EnvelopeSeal.NewKey());

        var error = Assert.Throws<InvalidOperationException>(() => Protector(null).Unprotect(id, stored));
        Assert.Contains("GuestKeys:EncryptionKey", error.Message);
        Assert.Throws<InvalidDataException>(() => Protector(EncryptionKey).Unprotect(id, new byte[7]));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")] // 5 bytes
    public void An_encryption_key_that_is_not_32_bytes_of_base64_is_refused(string value)
    {
        Assert.False(GuestKeyOptions.TryParse(value, out _));
        Assert.Throws<InvalidOperationException>(() => Protector(value));
    }
}
