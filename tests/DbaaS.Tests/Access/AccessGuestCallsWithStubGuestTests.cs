using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Access;
using DbaaS.Core.Errors;
using DbaaS.Core.Guests;
using DbaaS.Core.Instances;
using Microsoft.Extensions.Options;

namespace DbaaS.Tests.Access;

/// <summary>
/// How a guest's answer becomes the caller's fault. The guest is a stub here (the boundary: a real guest over
/// RabbitMQ is tested elsewhere), because a real one cannot be made to time out or fail on demand.
/// </summary>
public sealed class AccessGuestCallsWithStubGuestTests
{
    sealed class StubGuest(Exception? failure) : IGuestClient
    {
        public TimeSpan? Timeout { get; private set; }

        public Task<JsonElement> CallAsync(Guid instanceId, string method, object? args, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Timeout = timeout;
            return failure is null ? Task.FromResult(JsonSerializer.SerializeToElement(new { })) : Task.FromException<JsonElement>(failure);
        }

        public Task CastAsync(Guid instanceId, string method, object? args, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    static readonly AccessTarget Target = new(
        new Instance { Id = Guid.NewGuid(), ProjectId = "p", Name = "i", FlavorId = "1", GuestKey = [] },
        "mariadb", "mariadb", EngineObjectRules.MySqlFamily);

    static Task CallAsync(Exception failure) =>
        new AccessGuestCalls(new StubGuest(failure), Options.Create(new AccessOptions()))
            .CallAsync(Target, GuestMethods.CreateDatabase, null, CancellationToken.None);

    [Theory]
    [InlineData(GuestErrorTypes.NotFound, typeof(NotFoundException))]
    [InlineData(GuestErrorTypes.AlreadyExists, typeof(BadRequestException))]
    [InlineData(GuestErrorTypes.NotSupported, typeof(BadRequestException))]
    [InlineData(GuestErrorTypes.BadArguments, typeof(BadRequestException))]
    [InlineData(GuestErrorTypes.Failed, typeof(GuestOperationFailedException))]
    [InlineData(GuestErrorTypes.UnknownMethod, typeof(GuestOperationFailedException))]
    public async Task A_guest_error_becomes_the_fault_Trove_gives_with_the_guests_message(string errorType, Type expected)
    {
        var error = await Assert.ThrowsAnyAsync<DbaaSException>(() => CallAsync(new GuestCallFailedException(errorType, "Database 'x' already exists.")));
        Assert.IsType(expected, error);
        Assert.Contains("Database 'x' already exists.", error.Message);
    }

    [Fact]
    public async Task A_silent_guest_is_service_unavailable_naming_the_instance_and_the_timeout()
    {
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => CallAsync(new GuestUnreachableException("no answer")));
        Assert.Contains(Target.Instance.Id.ToString(), error.Message);
        Assert.Contains("30 seconds", error.Message);
    }

    [Fact]
    public async Task The_call_waits_as_long_as_the_option_says()
    {
        var guest = new StubGuest(null);
        await new AccessGuestCalls(guest, Options.Create(new AccessOptions { GuestCallTimeoutSeconds = 7 }))
            .CallAsync(Target, GuestMethods.ListDatabases, null, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(7), guest.Timeout);
    }

    [Fact]
    public void A_failed_guest_operation_leaves_as_a_500_computeFault_and_a_silent_guest_as_503_with_their_messages()
    {
        var failed = DbaaS.Api.Faults.FaultMapper.FromException(new GuestOperationFailedException("Instance i could not do create_database: disk full"))!;
        Assert.Equal((500, "computeFault"), (failed.Code, failed.Name));
        Assert.Contains("disk full", failed.Message);
        var silent = DbaaS.Api.Faults.FaultMapper.FromException(new ServiceUnavailableException("The guest agent of instance i did not answer"))!;
        Assert.Equal((503, "serviceUnavailable"), (silent.Code, silent.Name));
    }
}
