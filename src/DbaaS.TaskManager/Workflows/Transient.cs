using System.Net.Http;
using DbaaS.Core.Guests;
using Npgsql;

namespace DbaaS.TaskManager.Workflows;

/// <summary>Retries a step while its failure is one that waiting can cure (a broker or guest not there yet), until a deadline.</summary>
public static class Transient
{
    public static bool IsTransient(Exception ex) => ex is GuestUnreachableException or HttpRequestException or TimeoutException
        or RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AlreadyClosedException
        or RabbitMQ.Client.Exceptions.OperationInterruptedException or NpgsqlException { IsTransient: true } or IOException;

    /// <exception cref="TimeoutException">The deadline passed; the message names the step and the last failure.</exception>
    /// <param name="slot">The build's place in the <see cref="ProvisioningGate"/>, given up while waiting between
    /// attempts: one build waiting for a broker that is down does not hold up the others.</param>
    public static async Task<T> RetryUntilAsync<T>(string step, DateTime deadlineUtc, TimeProvider clock, Func<TimeSpan, Task<T>> attempt, CancellationToken cancellationToken,
        ProvisioningGate.Slot? slot = null)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            var remaining = deadlineUtc - clock.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero) throw new TimeoutException($"{step} did not finish before the deadline");
            try
            {
                return await attempt(remaining);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (clock.GetUtcNow().UtcDateTime + delay >= deadlineUtc)
                    throw new TimeoutException($"{step} did not finish before the deadline: {ex.Message}", ex);
                var pause = delay;
                if (slot is null) await Task.Delay(pause, cancellationToken);
                else await slot.OutsideAsync(async () => { await Task.Delay(pause, cancellationToken); return true; }, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 3000));
            }
        }
    }

    public static Task RetryUntilAsync(string step, DateTime deadlineUtc, TimeProvider clock, Func<TimeSpan, Task> attempt, CancellationToken cancellationToken,
        ProvisioningGate.Slot? slot = null) =>
        RetryUntilAsync<bool>(step, deadlineUtc, clock, async remaining => { await attempt(remaining); return true; }, cancellationToken, slot);
}
