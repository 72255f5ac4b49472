using Akka.Hosting;

namespace Paystack.Actors.Hosting;

public static class SchedulerClockBuilderExtensions
{
    /// <summary>
    /// Akka's scheduler starts its clock on first use, and blocks that caller until a thread-pool thread has run the
    /// clock's first step. A job's StreamActors all make that first call at once (their recovery timeout) on
    /// dispatcher threads, which are pool threads: on a 2-core machine they take every pool thread, and the clock
    /// waits for the pool to grow one thread at a time — 3-4 s in about a third of the runs measured by the
    /// benchmark's start-up scenario. Starting the clock while the system starts, from a thread that is not needed
    /// for it, costs ~1 ms.
    /// </summary>
    public static AkkaConfigurationBuilder WithSchedulerClock(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, _) => system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), static () => { }));
}
