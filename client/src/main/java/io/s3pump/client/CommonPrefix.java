package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code <CommonPrefixes>} entry of a listing with a delimiter: a "directory".
 *
 * @param prefix the common prefix, including the delimiter
 */
public record CommonPrefix(@JsonProperty("Prefix") String prefix) {}
