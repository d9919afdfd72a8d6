package ftpdlab.fs;

/**
 * A name STOU claimed by creating it empty.
 *
 * @param virtual its virtual path
 * @param name    the name alone, for the reply
 * @param key     the identity of the empty file created, so that only that file is removed if the upload fails
 */
public record UniqueName(String virtual, String name, Object key) {
}
