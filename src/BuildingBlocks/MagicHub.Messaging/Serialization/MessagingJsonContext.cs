using System.Text.Json;
using System.Text.Json.Serialization;
using MagicHub.Messaging.Admin;

namespace MagicHub.Messaging.Serialization;

/// <summary>Source-generated JSON of the envelope and the admin API (web defaults, as the HTTP JSON options).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(IReadOnlyList<DeadLetterInfo>))]
[JsonSerializable(typeof(List<DeadLetterInfo>))]
[JsonSerializable(typeof(DeadLetterDetail))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayResult))]
[JsonSerializable(typeof(PurgeResult))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
