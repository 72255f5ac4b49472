using System.Globalization;
using Akka.Configuration;
using Paystack.Actors.Configuration;

namespace Paystack.Actors.Cluster;

/// <summary>
/// The Akka configuration that makes a node's engine a cluster member: remoting, seed nodes, the Split Brain Resolver
/// (keep-majority), sharding with remembered entities whose state, like the coordinator's, lives in the journal, and
/// the serializer of the account messages. The journal itself comes from <see cref="Hosting.JournalBuilderExtensions.WithSyncJournal"/> and must
/// be PostgreSQL: every node reads the journals the others wrote.
/// </summary>
public static class ClusterConfig
{
    /// <summary>The ActorSystem name every member must share.</summary>
    public const string SystemName = "paystack-sync";

    public static Config For(ClusterOptions options)
    {
        var seeds = string.Join(", ", options.SeedNodes.Select(Quote));
        return ConfigurationFactory.ParseString($$"""
            akka {
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = {{Quote(options.Hostname)}}
                port = {{options.Port.ToString(CultureInfo.InvariantCulture)}}
              }
              coordinated-shutdown.run-by-actor-system-terminate = {{(options.LeaveOnTerminate ? "on" : "off")}}
              cluster {
                seed-nodes = [{{seeds}}]
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{Duration(options.StableAfter)}}
                  down-all-when-unstable = on
                }
                failure-detector {
                  heartbeat-interval = {{Duration(options.HeartbeatInterval)}}
                  acceptable-heartbeat-pause = {{Duration(options.AcceptableHeartbeatPause)}}
                }
                sharding {
                  remember-entities = on
                  remember-entities-store = eventsourced
                  state-store-mode = persistence
                  journal-plugin-id = ""
                  snapshot-plugin-id = ""
                }
              }
            }
            """).WithFallback(Serialization);
    }

    /// <summary>The account messages' serializer; also needed by a single node that journals account entities.</summary>
    public static Config Serialization { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.paystack-accounts = "{{typeof(AccountMessageSerializer).FullName}}, {{typeof(AccountMessageSerializer).Assembly.GetName().Name}}"
          serialization-bindings {
            "{{typeof(IAccountClusterMessage).FullName}}, {{typeof(IAccountClusterMessage).Assembly.GetName().Name}}" = paystack-accounts
          }
        }
        """);

    private static string Duration(TimeSpan value) => $"{(long)value.TotalMilliseconds}ms";

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
