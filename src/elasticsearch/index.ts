/**
 * `kavosh/elasticsearch`: kavosh's analysis as Elasticsearch / OpenSearch index settings (work in progress,
 * issue #9).
 *
 * @packageDocumentation
 */
export {}
