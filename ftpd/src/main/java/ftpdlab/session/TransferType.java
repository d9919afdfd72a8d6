package ftpdlab.session;

/** TYPE: ASCII translates line endings, IMAGE (and L 8) sends bytes as they are. */
public enum TransferType {
    ASCII("A"),
    IMAGE("I");

    private final String letter;

    TransferType(String letter) {
        this.letter = letter;
    }

    public String letter() {
        return letter;
    }
}
