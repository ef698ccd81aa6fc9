package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * S3's {@code <Owner>} (also used for {@code <Initiator>}). RGW sends both fields empty in ListParts.
 *
 * @param id the canonical user id, possibly empty
 * @param displayName the display name, possibly empty
 */
public record Owner(@JsonProperty("ID") String id, @JsonProperty("DisplayName") String displayName) {}
