package ftpdlab.metrics;

import java.util.Map;
import java.util.regex.Pattern;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;

/**
 * Exposes {@link DataConnectionStats} over JMX under the same names as SITE STATS. A dynamic bean,
 * because the names contain dots and the per-cause counters appear at run time. Counts are
 * {@code Long} attributes, so JConsole graphs them and jmx_exporter exports them; only the
 * configuration's words (the strategy, the socket options) are strings.
 */
public final class StatsMBean implements DynamicMBean {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}");

    private final DataConnectionStats stats;

    public StatsMBean(DataConnectionStats stats) {
        this.stats = stats;
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        String v = stats.snapshot().get(name);
        if (v == null) {
            throw new AttributeNotFoundException(name);
        }
        return typed(v);
    }

    @Override
    public void setAttribute(Attribute attribute) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        Map<String, String> snap = stats.snapshot();
        AttributeList list = new AttributeList();
        for (String n : names) {
            if (snap.containsKey(n)) {
                list.add(new Attribute(n, typed(snap.get(n))));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        if ("reset".equals(actionName)) {
            stats.reset();
            return null;
        }
        throw new UnsupportedOperationException(actionName);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanAttributeInfo[] attrs = stats.snapshot().entrySet().stream()
                .map(e -> new MBeanAttributeInfo(e.getKey(), typed(e.getValue()).getClass().getName(), e.getKey(),
                        true, false, false))
                .toArray(MBeanAttributeInfo[]::new);
        MBeanOperationInfo reset = new MBeanOperationInfo("reset", "Zero the counters",
                new MBeanParameterInfo[0], "void", MBeanOperationInfo.ACTION);
        return new MBeanInfo(getClass().getName(), "ftpd-lab data connection statistics", attrs, null,
                new MBeanOperationInfo[] {reset}, null);
    }

    private static Object typed(String value) {
        return NUMBER.matcher(value).matches() ? (Object) Long.valueOf(value) : value;
    }
}
