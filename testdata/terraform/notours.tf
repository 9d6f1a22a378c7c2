# A plain Terraform file: no pipeline here.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-pipeline-logs"

  tags = {
    Team = "data"
  }
}

output "bucket_arn" {
  value = aws_s3_bucket.logs.arn
}
