namespace Paystack.Host.Serve.Accounts;

/// <summary>What serve's command line gives every entry of the accounts file that does not say otherwise.</summary>
/// <param name="Schedule">From <c>--every</c> or <c>--cron</c>; null makes a schedule required in every entry.</param>
/// <param name="LeaseWait">From <c>--wait</c>: how long a run waits for another run holding its destination.</param>
internal sealed record AccountDefaults(RunSchedule? Schedule, TimeSpan LeaseWait);
