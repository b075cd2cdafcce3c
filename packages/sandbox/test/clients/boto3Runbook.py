"""The backup and restore runbook in boto3, run by boto3.test.ts against a sandbox.

Usage: python3 boto3Runbook.py enable TABLE
       python3 boto3Runbook.py restore TABLE TARGET_TABLE TARGET_TIME

Reads nothing but the environment (region, endpoint, credentials); prints one JSON document of what it saw.
"""

import json
import os
import sys
from datetime import datetime

import boto3
import botocore


def client():
    # botocore reads AWS_ENDPOINT_URL from 1.31.0 on; older ones (Debian 12 has 1.29) need it given.
    major, minor = (int(part) for part in botocore.__version__.split(".")[:2])
    reads_endpoint = (major, minor) >= (1, 31)
    return boto3.client("dynamodb", **({} if reads_endpoint else {"endpoint_url": os.environ["AWS_ENDPOINT_URL"]}))


def pitr_status(dynamodb, table):
    described = dynamodb.describe_continuous_backups(TableName=table)["ContinuousBackupsDescription"]
    return described["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]


def enable(table):
    dynamodb = client()
    before = pitr_status(dynamodb, table)
    dynamodb.update_continuous_backups(
        TableName=table, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    return {"region": dynamodb.meta.region_name, "before": before, "after": pitr_status(dynamodb, table)}


def restore(table, target, target_time):
    dynamodb = client()
    backup = dynamodb.create_backup(TableName=table, BackupName=f"{table}-forensic")["BackupDetails"]
    dynamodb.restore_table_to_point_in_time(
        SourceTableName=table,
        TargetTableName=target,
        RestoreDateTime=datetime.fromisoformat(target_time.replace("Z", "+00:00")),
    )
    # The waiter's default (20 s between 25 attempts: 500 s) is shorter than many real restores; set both.
    dynamodb.get_waiter("table_exists").wait(TableName=target, WaiterConfig={"Delay": 1, "MaxAttempts": 600})
    described = dynamodb.describe_table(TableName=target)["Table"]
    scanned = dynamodb.scan(
        TableName=target,
        FilterExpression="begins_with(pk, :rule)",
        ExpressionAttributeValues={":rule": {"S": "rule#MD-001"}},
    )
    listed = dynamodb.list_backups(TableName=table)["BackupSummaries"]
    try:
        dynamodb.describe_table(TableName="no-such-table")
        missing = None
    except dynamodb.exceptions.ResourceNotFoundException as error:
        missing = error.response["Error"]["Code"]
    return {
        "backupArn": backup["BackupArn"],
        "tableStatus": described["TableStatus"],
        "restoreDateTime": described["RestoreSummary"]["RestoreDateTime"].timestamp(),
        "scanned": sorted(item["pk"]["S"] for item in scanned["Items"]),
        "listed": [summary["BackupArn"] for summary in listed],
        "missingTable": missing,
    }


if __name__ == "__main__":
    action, *args = sys.argv[1:]
    print(json.dumps(enable(*args) if action == "enable" else restore(*args)))
