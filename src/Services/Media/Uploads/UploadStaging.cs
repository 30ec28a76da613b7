namespace MagicHub.Media.Uploads;

/// <summary>Staging files of resumable uploads on local disk; the file's length is the authoritative offset.</summary>
public sealed class UploadStaging
{
    public UploadStaging(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The staging folder.</summary>
    public string Directory { get; }

    /// <summary>The staging file of <paramref name="id"/> (a generated name, never the client's).</summary>
    public string PathOf(Guid id) => Path.Combine(Directory, id.ToString("N") + ".part");

    /// <summary>Bytes received so far for <paramref name="id"/>.</summary>
    public long LengthOf(Guid id) => new FileInfo(PathOf(id)) is { Exists: true } file ? file.Length : 0;

    /// <summary>Removes the staging file of <paramref name="id"/>.</summary>
    public void Delete(Guid id) => File.Delete(PathOf(id));
}
