using Senim.Registry.Model;
using Senim.Registry.Services;

namespace Senim.Registry.Tests.Review;

/// <summary>
/// What an expert does next: one answer for the review queue, the checklist API and the home page, from the
/// assignment, the system's status and the checklist's progress.
/// </summary>
public class NextStepTests
{
    public static TheoryData<bool, bool, bool, SystemStatus, int, ReviewStep> Cases => new()
    {
        // active, declared, recommended, status, items done (of 3) → next
        { true, false, false, SystemStatus.InReview, 0, ReviewStep.Declare },
        { true, false, false, SystemStatus.ChangesRequested, 0, ReviewStep.Declare },
        { true, true, false, SystemStatus.InReview, 0, ReviewStep.Checklist },
        { true, true, false, SystemStatus.InReview, 2, ReviewStep.Checklist },
        { true, true, false, SystemStatus.InReview, 3, ReviewStep.Recommend },
        { true, true, false, SystemStatus.ChangesRequested, 3, ReviewStep.WaitingForOwner },
        // An expert who recommended while another asked for changes waits for the owner like everyone else.
        { true, true, true, SystemStatus.ChangesRequested, 3, ReviewStep.WaitingForOwner },
        { true, true, true, SystemStatus.InReview, 3, ReviewStep.WaitingForOthers },
        { true, true, true, SystemStatus.Recommended, 3, ReviewStep.WaitingForDecision },
        { true, true, false, SystemStatus.Submitted, 0, ReviewStep.Done },
        // The round is over (decided, or the expert was replaced): nothing to do, whatever else holds.
        { false, true, true, SystemStatus.Registered, 3, ReviewStep.Done },
        { false, false, false, SystemStatus.InReview, 0, ReviewStep.Done },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_next_step_follows_from_the_assignment_the_status_and_the_checklist(bool active, bool declared, bool recommended, SystemStatus status, int done, ReviewStep next)
    {
        var assignment = new ReviewAssignment
        {
            Active = active,
            NoConflictDeclaredAt = declared ? new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc) : null,
            Recommendation = recommended ? Recommendation.Register : null,
        };
        Assert.Equal(next, ReviewService.NextStep(assignment, status, done, 3));
    }
}
