using Amazon.Runtime;
using Amazon.S3;
using MagicHub.Media;
using MagicHub.Media.Contracts;
using MagicHub.Media.Data;
using MagicHub.Media.Ingest;
using MagicHub.Media.Retention;
using MagicHub.Media.Signing;
using MagicHub.Media.Storage;
using MagicHub.Messaging;
using MagicHub.Media.Tenancy;
using MagicHub.Media.Uploads;
using MagicHub.Persistence;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the media service.</summary>
public static class MediaServiceExtensions
{
    /// <summary>Adds the media database, the configured blob store, ingestion, signing and retention.</summary>
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().Bind(builder.Configuration.GetSection(MediaOptions.SectionName))
            .Validate(o => o.SigningKey is null || o.SigningKey.Length >= 32, "Media:SigningKey must be at least 32 characters.")
            .Validate(o => o.Limits.Audio > 0 && o.Limits.Image > 0 && o.Limits.Document > 0, "Media:Limits must be positive.")
            .Validate(o => o.Storage != StorageBackend.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket), "Media:S3:Bucket is required for S3 storage.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MediaJsonContext.Default));
        builder.AddPlatformSecurity();
        if (builder.Configuration.GetValue($"{MediaOptions.SectionName}:{nameof(MediaOptions.AllowTenantHeader)}", true))
        {
            TenantHeaderAuthenticationHandler.Register(builder);
        }
        builder.AddServiceSqlDatabase<MediaDb>("media", MediaDb.Upgrades);
        builder.AddMessaging<MediaDb>().AddEventJson(MediaEventsJson.Default);
        builder.Services.AddScoped<MediaStore>();
        builder.Services.AddSingleton(TimeProvider.System);

        var dataDirectory = PersistenceExtensions.ReadOptions(builder.Configuration).DataDirectory;
        var media = builder.Configuration.GetSection(MediaOptions.SectionName).Get<MediaOptions>() ?? new MediaOptions();
        builder.Services.AddSingleton(new UploadStaging(media.UploadDirectory ?? Path.Combine(dataDirectory, "uploads")));
        if (media.Storage == StorageBackend.S3)
        {
            AddS3Storage(builder.Services, media.S3);
        }
        else
        {
            builder.Services.AddSingleton<IBlobStore>(new FileSystemBlobStore(media.BlobDirectory ?? Path.Combine(dataDirectory, "blobs")));
        }

        builder.Services.AddSingleton<UrlSigner>();
        builder.Services.AddScoped<MediaIngestor>();
        builder.Services.AddScoped<RetentionSweeper>();
        builder.Services.AddHostedService<RetentionService>();
        // The validation source generator only sees endpoints of the project that calls AddValidation.
        builder.Services.AddValidation();
        return builder;
    }

    // Its own method, so the AWS SDK's assemblies load only when S3 is configured.
    private static void AddS3Storage(IServiceCollection services, S3StorageOptions s3)
    {
        services.AddSingleton<IAmazonS3>(_ => CreateS3Client(s3));
        services.AddSingleton(sp => new S3BlobStore(sp.GetRequiredService<IAmazonS3>(), s3));
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<S3BlobStore>());
        services.AddHostedService<S3BucketInitializer>();
    }

    /// <summary>An S3 client for AWS or an S3-compatible server (MinIO) from <paramref name="options"/>.</summary>
    public static AmazonS3Client CreateS3Client(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // Trailing checksums are not understood by every S3-compatible server.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        return options.AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }
}
