package ftpdlab.cli;
public class FtpdCommand { public static void main(String[] a){} }
