using Paystack.Host.Tests.Serve;

namespace Paystack.Host.Tests.Monitoring;

/// <summary>
/// deploy/'s dashboard and alert rules read only metrics serve exports, and a real Prometheus scrapes serve and answers
/// with the freshness metric.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class MonitoringTests
{
    [Fact]
    public async Task Every_metric_the_dashboard_and_the_alert_rules_query_is_one_serve_exports()
    {
        var expressions = MonitoringFiles.DashboardExpressions().Concat(MonitoringFiles.RuleExpressions()).ToList();
        await using var serve = await MonitoredServe.StartAsync();

        var exposition = await serve.MetricsAsync();
        var exported = PromQlMetrics.Exported(exposition);

        var queried = expressions.SelectMany(PromQlMetrics.Queried).ToHashSet(StringComparer.Ordinal);
        queried.Remove("up"); // Prometheus's own, for the scrape
        queried.Remove("time");
        Assert.Contains("paystack_sync_stream_last_success_time_seconds", queried);
        Assert.Contains("dotnet_gc_collections_total", queried);
        Assert.Contains("http_client_request_duration_seconds_bucket", queried);
        var missing = queried.Except(exported).Order().ToList();
        Assert.True(missing.Count == 0, $"queried but not exported: {string.Join(", ", missing)}");

        // The freshness gauges carry the run that just ended.
        var lastSuccess = MetricsText.Sum(exposition, "paystack_sync_stream_last_success_time_seconds", "stream=\"transactions\"");
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds((long)(lastSuccess * 1000)), serve.Started, DateTimeOffset.UtcNow);
        var lag = MetricsText.Sum(exposition, "paystack_sync_stream_cursor_lag_seconds", "stream=\"transactions\"");
        Assert.InRange(lag, 0, (DateTimeOffset.UtcNow - serve.Started).TotalSeconds + 60);
    }

    [Fact]
    public void The_dashboard_is_grafana_json_with_a_prometheus_query_in_every_panel()
    {
        var expressions = MonitoringFiles.DashboardExpressions();
        Assert.True(expressions.Count >= 15, $"only {expressions.Count} queries");
        Assert.All(expressions, e => Assert.NotEmpty(PromQlMetrics.Queried(e)));
    }

    [SkippableFact]
    public async Task Promtool_accepts_the_alert_rules()
    {
        Skip.If(PrometheusServer.SkipReason is not null, PrometheusServer.SkipReason);

        var (exitCode, output) = await Promtool.RunAsync(null, "check", "rules", MonitoringFiles.RulesPath);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 4 rules found", output);
    }

    [SkippableFact]
    public async Task Prometheus_scrapes_serve_and_answers_with_each_streams_last_successful_run()
    {
        Skip.If(PrometheusServer.SkipReason is not null, PrometheusServer.SkipReason);
        await using var serve = await MonitoredServe.StartAsync();
        var (exitCode, output) = await Promtool.RunAsync(await serve.MetricsAsync(), "check", "metrics");
        Assert.True(exitCode == 0, $"promtool check metrics:\n{output}");

        await using var prometheus = await PrometheusServer.StartAsync(serve.Host.Addresses[0], MonitoringFiles.RulesPath);

        foreach (var stream in MonitoredServe.Streams.Split(','))
        {
            var lastSuccess = await prometheus.WaitForValueAsync(
                $"paystack_sync_stream_last_success_time_seconds{{job=\"paystack-sync\",stream=\"{stream}\"}}", TimeSpan.FromSeconds(60));
            Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds((long)(lastSuccess * 1000)), serve.Started, DateTimeOffset.UtcNow);
        }
        var lag = await prometheus.WaitForValueAsync("paystack_sync_stream_cursor_lag_seconds{stream=\"transactions\"}", TimeSpan.FromSeconds(10));
        Assert.InRange(lag, 0, (DateTimeOffset.UtcNow - serve.Started).TotalSeconds + 60);
        Assert.Equal(3600, await prometheus.WaitForValueAsync("paystack_sync_schedule_interval_seconds", TimeSpan.FromSeconds(10)));
        Assert.Equal(
            ["PaystackSyncDown", "PaystackSyncRateLimitedRising", "PaystackSyncRunFailing", "PaystackSyncStreamStale"],
            (await prometheus.AlertNamesAsync()).Order());
    }
}
