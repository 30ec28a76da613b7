using System.Net;
using System.Security.Cryptography;
using MagicHub.Media.Contracts;
using MagicHub.Testing;

namespace MagicHub.Media.Tests;

public abstract class UploadTests(SqliteEngine engine) : MediaServiceTests(engine)
{
    [Fact]
    public async Task Raw_wav_upload_is_stored_with_sniffed_type_hash_and_duration()
    {
        var wav = Fixtures.Wav(1.5);
        var response = await Factory.ClientFor().PostRawAsync(wav, "?use=audio&filename=call.wav", "image/png");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.ItemAsync();
        Assert.Equal("audio/wav", item.ContentType);
        Assert.Equal(MediaKind.Audio, item.Kind);
        Assert.Equal(wav.Length, item.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(wav)), item.Sha256);
        Assert.Equal(1.5, item.DurationSeconds);
        Assert.Equal("call.wav", item.FileName);
        Assert.Equal($"/media/{item.Id}", response.Headers.Location?.OriginalString);
        var recording = Assert.IsType<RecordingIngested>(Assert.Single(await Factory.Events.WaitForAsync(1)));
        Assert.Equal(item.Id, recording.MediaId);
        Assert.Equal("default", recording.TenantId);
        Assert.Equal(1.5, recording.DurationSeconds);
        Assert.Equal("user-default", item.Owner);
    }

    [Fact]
    public async Task Identical_content_in_a_tenant_is_stored_once_and_returns_the_existing_id()
    {
        var client = Factory.ClientFor();
        var png = Fixtures.Png();
        var first = await client.PostMultipartAsync(png, "a.png", "?use=image");
        var second = await client.PostRawAsync(png, "?filename=b.png");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var duplicate = await second.ItemAsync();
        Assert.Equal((await first.ItemAsync()).Id, duplicate.Id);
        Assert.True(duplicate.Deduplicated);
        Assert.Single(Factory.BlobFiles());
        Assert.IsType<MediaUploaded>(Assert.Single(await Factory.Events.WaitForAsync(1)));
        Assert.Equal(1, (await client.ListAsync()).Total);
    }

    [Fact]
    public async Task Another_tenants_media_is_not_found()
    {
        var pdf = Fixtures.Pdf();
        var mine = await (await Factory.ClientFor("acme").PostRawAsync(pdf, "?use=document")).ItemAsync();
        var other = Factory.ClientFor("globex");
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/media/{mine.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/media/{mine.Id}/content", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/media/{mine.Id}/signed-url", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/media/{mine.Id}", ct)).StatusCode);
        Assert.Equal(0, (await other.ListAsync()).Total);
        // The same bytes in the other tenant are its own item, not a duplicate of acme's.
        var theirs = await other.PostRawAsync(pdf, "?use=document");
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.NotEqual(mine.Id, (await theirs.ItemAsync()).Id);
    }

    [Fact]
    public async Task Upload_whose_extension_lies_is_rejected()
    {
        var response = await Factory.ClientFor().PostMultipartAsync(Fixtures.Png(), "recording.wav", "?use=audio", "audio/wav");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Contains("PNG image", problem.GetProperty("detail").GetString());
        Assert.Empty(Factory.BlobFiles());
        Assert.Equal(0, (await Factory.ClientFor().ListAsync()).Total);
    }

    [Fact]
    public async Task Declared_type_does_not_win_over_the_content()
    {
        var response = await Factory.ClientFor().PostRawAsync(Fixtures.Wav(0.2), "?filename=photo.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("audio/wav", (await response.ItemAsync()).ContentType);
    }

    [Theory]
    [InlineData("image", "application/pdf")]
    [InlineData("document", "application/zip")]
    public async Task Types_outside_the_allow_list_of_a_use_are_rejected(string use, string detected)
    {
        var bytes = use == "image" ? Fixtures.Pdf() : Fixtures.Zip();
        var response = await Factory.ClientFor().PostRawAsync(bytes, $"?use={use}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains(detected, (await response.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Docx_is_accepted_as_a_document()
    {
        var response = await Factory.ClientFor().PostMultipartAsync(Fixtures.Docx(), "contract.docx", "?use=document");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (await response.ItemAsync()).ContentType);
    }

    [Fact]
    public async Task Path_traversal_file_name_is_kept_only_as_a_sanitized_label()
    {
        var client = Factory.ClientFor();
        var multipart = await client.PostMultipartAsync(Fixtures.Pdf(), "../../etc/passwd", "?use=document");
        var raw = await client.PostRawAsync(Fixtures.Png(), "?filename=" + Uri.EscapeDataString("../../../etc/passwd"));

        Assert.Equal(HttpStatusCode.Created, multipart.StatusCode);
        Assert.Equal(HttpStatusCode.Created, raw.StatusCode);
        Assert.Equal("passwd", (await multipart.ItemAsync()).FileName);
        Assert.Equal("passwd", (await raw.ItemAsync()).FileName);
        var root = Path.GetFullPath(Factory.BlobDirectory) + Path.DirectorySeparatorChar;
        Assert.All(Factory.BlobFiles(), file =>
        {
            Assert.StartsWith(root, Path.GetFullPath(file));
            Assert.DoesNotContain("passwd", file);
        });
        Assert.Equal(2, Factory.BlobFiles().Length);
    }

    [Fact]
    public async Task Zero_byte_file_is_rejected_and_nothing_is_listed()
    {
        var client = Factory.ClientFor();
        var raw = await client.PostRawAsync([], "?use=audio");
        var multipart = await client.PostMultipartAsync([], "empty.wav");

        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, multipart.StatusCode);
        Assert.Contains("0 bytes", (await raw.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, (await client.ListAsync()).Total);
        Assert.Empty(Factory.BlobFiles());
    }

    [Fact]
    public async Task Upload_over_the_kind_limit_is_413_and_leaves_nothing()
    {
        var client = Factory.ClientFor();
        var declared = await client.PostRawAsync(Fixtures.Png(200_000), "?use=image");
        // Multipart has no per-file length up front: the limit is enforced while streaming.
        var streamed = await client.PostMultipartAsync(Fixtures.Png(200_000), "big.png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Contains("100,000", (await streamed.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, (await client.ListAsync()).Total);
        Assert.Empty(Factory.BlobFiles());
    }

    [Fact]
    public async Task Tenant_limit_applies_below_the_kind_limit()
    {
        var response = await Factory.ClientFor("small").PostRawAsync(Fixtures.Wav(0.5), "?use=audio");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("5,000", (await response.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_use_is_400()
    {
        var use = await Factory.ClientFor().PostRawAsync(Fixtures.Png(), "?use=video");
        Assert.Equal(HttpStatusCode.BadRequest, use.StatusCode);
        Assert.Contains("video", (await use.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Callers_need_a_token_and_a_writer_role_to_upload()
    {
        var anonymous = await Factory.CreateClient().PostRawAsync(Fixtures.Png());
        var readOnly = await Factory.ClientFor("acme", MagicHub.Security.PlatformRoles.ReadOnly).PostRawAsync(Fixtures.Png());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Factory.ClientFor("acme", MagicHub.Security.PlatformRoles.ReadOnly).GetAsync("/media", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Services_may_name_the_tenant_in_the_header_but_a_token_wins()
    {
        var service = Factory.CreateClient();
        service.DefaultRequestHeaders.Add(MediaClient.TenantHeader, "acme");
        var stored = await (await service.PostRawAsync(Fixtures.Pdf(), "?use=document")).ItemAsync();
        Assert.Equal("acme", stored.TenantId);

        var spoofing = Factory.ClientFor("globex");
        spoofing.DefaultRequestHeaders.Add(MediaClient.TenantHeader, "acme");
        Assert.Equal(HttpStatusCode.NotFound, (await spoofing.GetAsync($"/media/{stored.Id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Tenant_header_is_refused_when_disabled()
    {
        await using var strict = new MediaFactory(Engine, new() { ["Media:AllowTenantHeader"] = "false" });
        var service = strict.CreateClient();
        service.DefaultRequestHeaders.Add(MediaClient.TenantHeader, "acme");
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.PostRawAsync(Fixtures.Pdf(), "?use=document")).StatusCode);
    }

    [Fact]
    public async Task Tenant_ids_that_are_not_path_safe_never_reach_the_blob_path()
    {
        var response = await Factory.ClientFor("../../evil").PostRawAsync(Fixtures.Png());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var root = Path.GetFullPath(Factory.BlobDirectory) + Path.DirectorySeparatorChar;
        var file = Assert.Single(Factory.BlobFiles());
        Assert.StartsWith(root, Path.GetFullPath(file));
        Assert.DoesNotContain("evil", file);
    }
}

public sealed class SqliteUploadTests(SqliteEngine engine) : UploadTests(engine), IClassFixture<SqliteEngine>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresUploadTests(PostgresEngine engine) : UploadTests(engine);
