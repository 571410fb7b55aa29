import { aws_cloudtrail as cloudtrail } from 'aws-cdk-lib';
import { aws_cloudtrail as cloudtrailRefs } from 'aws-cdk-lib/interfaces';

/**
 * The CloudTrail trail that delivers the management events a BreakGlassRole's alerts match. EventBridge receives
 * CloudTrail's events only while a trail logs them ("Events from AWS services", EventBridge User Guide), so the
 * alerts are as good as the trail: it must log management events, read and write, in every alert region (a
 * multi-region trail, such as an organization trail, does).
 */
export class AlertTrail {
  /**
   * A trail of this app.
   * @param trail the trail
   */
  public static of(trail: cloudtrail.Trail): AlertTrail {
    return new AlertTrail(trail.trailArn);
  }

  /**
   * A trail made elsewhere, such as the organization's: `CfnTrail.fromTrailArn(this, 'OrgTrail', arn)`.
   * @param trail the trail's reference
   */
  public static fromTrailRef(trail: cloudtrailRefs.ITrailRef): AlertTrail {
    return new AlertTrail(trail.trailRef.trailArn);
  }

  /** The trail's ARN. */
  public readonly trailArn: string;

  private constructor(trailArn: string) {
    this.trailArn = trailArn;
  }
}
