namespace Senim.Web.Features.Labels;

/// <summary>What the "Content labels" section of a system page needs.</summary>
/// <param name="SystemId">The system.</param>
/// <param name="RegisterNumber">Its register number (the section shows only for numbered systems).</param>
/// <param name="Status">Its status: only registered systems sign.</param>
/// <param name="IsEditor">Whether the reader may request certificates.</param>
public sealed record LabelsSectionView(Guid SystemId, string? RegisterNumber, SystemStatus Status, bool IsEditor)
{
    /// <summary>Registered or registered with conditions: may sign labels now.</summary>
    public bool CanSign => Status is SystemStatus.Registered or SystemStatus.RegisteredWithConditions;
}
