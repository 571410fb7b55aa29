import { Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { PropErrors } from '../prop-errors';

/** Every region aws-cdk-lib's region facts know in a partition (`aws`, `aws-cn`, `aws-us-gov`...), sorted. */
export function regionsOfPartition(partition: string): string[] {
  const regions = RegionInfo.regions.filter((region) => region.partition === partition).map((region) => region.name).sort();
  if (regions.length === 0) {
    const partitions = [...new Set(RegionInfo.regions.map((region) => region.partition))].filter((name): name is string => name !== undefined).sort();
    throw new Error(`BreakGlassRole.allRegions: partition "${partition}" has no region in aws-cdk-lib's region facts; the partitions are ${partitions.join(', ')}`);
  }
  return regions;
}

/** The partition of a region aws-cdk-lib knows; undefined for a region it does not. */
export function partitionOf(region: string): string | undefined {
  return RegionInfo.regions.find((known) => known.name === region)?.partition;
}

/**
 * Checks `alertRegions`: each a region of aws-cdk-lib's region facts, in the home region's partition, with no list
 * token (each region becomes a stack at synth); the home stack must have a region and an account, which forwarding
 * needs (the forwarding stacks are deployed to them, and name the home region's event bus).
 */
export function checkAlertRegions(regions: readonly string[] | undefined, home: { region: string; account: string }, errors: PropErrors): void {
  if (regions === undefined || regions.length === 0) return;
  errors.refuseListTokenElements('alertRegions', regions, 'each region becomes a stack at synth; give the region names');
  if (Token.isUnresolved(home.region) || Token.isUnresolved(home.account)) {
    errors.add('alertRegions', regions, 'the stack is env-agnostic, so it cannot forward: each alert region gets a stack that sends the role\'s events '
      + 'to the event bus of this stack\'s region and account, which must be known at synth; give the stack env: { account, region }');
    return;
  }
  const homePartition = partitionOf(home.region);
  for (const region of regions) {
    if (Token.isUnresolved(region)) {
      errors.add('alertRegions', region, 'each region names a stack made at synth; give the region\'s name, such as "eu-central-1", not a token');
      continue;
    }
    const partition = partitionOf(region);
    if (partition === undefined) {
      errors.add('alertRegions', region, 'a region of aws-cdk-lib\'s region facts, such as "eu-central-1" (update aws-cdk-lib for a region newer than it)');
    } else if (homePartition !== undefined && partition !== homePartition) {
      errors.add('alertRegions', region, `a region of the stack's partition (${homePartition}): EventBridge forwards events within a partition`);
    }
  }
}
