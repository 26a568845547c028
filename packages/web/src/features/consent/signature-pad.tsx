import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { Button } from '../../ui/button.tsx';

type Point = { x: number; y: number };

const WIDTH = 600;
const HEIGHT = 180;

interface SignaturePadProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** A PNG data URL of the drawing, or null when the pad is empty (or was cleared). */
  onChange: (png: string | null) => void;
}

/**
 * A canvas to sign on with a mouse, finger or stylus (pointer events). Strokes are kept so the
 * drawing can be redrawn and cleared; the result is a PNG data URL. People who cannot draw use the
 * attested signature instead, which the form offers beside it.
 */
export function SignaturePad({ id, label, hint, error, onChange }: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<Point[][]>([]);
  const drawing = useRef<Point[] | null>(null);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, WIDTH, HEIGHT);
    context.strokeStyle = '#1a1f24';
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    for (const stroke of strokes) {
      const [first, ...rest] = stroke;
      if (!first) continue;
      context.beginPath();
      context.moveTo(first.x, first.y);
      for (const point of rest.length > 0 ? rest : [{ x: first.x + 0.5, y: first.y + 0.5 }]) context.lineTo(point.x, point.y);
      context.stroke();
    }
  }, [strokes]);

  function pointFrom(event: PointerEvent<HTMLCanvasElement>): Point {
    const rect = event.currentTarget.getBoundingClientRect();
    const scaleX = rect.width > 0 ? WIDTH / rect.width : 1;
    const scaleY = rect.height > 0 ? HEIGHT / rect.height : 1;
    return { x: (event.clientX - rect.left) * scaleX, y: (event.clientY - rect.top) * scaleY };
  }

  function exportPng(next: Point[][]) {
    if (next.length === 0) return onChange(null);
    // Wait for the effect to paint the last stroke before reading the pixels.
    requestAnimationFrame(() => {
      const data = canvasRef.current?.toDataURL('image/png');
      onChange(typeof data === 'string' && data.startsWith('data:image/png') ? data : null);
    });
  }

  return (
    <div className={error ? 'field signature-field has-error' : 'field signature-field'}>
      <p className="field-label" id={`${id}-label`}>
        {label}
      </p>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <canvas
        ref={canvasRef}
        id={id}
        tabIndex={-1}
        width={WIDTH}
        height={HEIGHT}
        className="signature-pad"
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        data-strokes={strokes.length}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture?.(event.pointerId);
          drawing.current = [pointFrom(event)];
          setStrokes((previous) => [...previous, drawing.current ?? []]);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          drawing.current.push(pointFrom(event));
          const current = [...drawing.current];
          setStrokes((previous) => [...previous.slice(0, -1), current]);
        }}
        onPointerUp={() => {
          if (!drawing.current) return;
          drawing.current = null;
          exportPng(strokes);
        }}
        onPointerLeave={() => {
          if (!drawing.current) return;
          drawing.current = null;
          exportPng(strokes);
        }}
      />
      <p className="signature-status" aria-live="polite">
        {strokes.length > 0 ? 'Signature drawn.' : 'Nothing drawn yet.'}
      </p>
      <Button
        size="small"
        variant="quiet"
        disabled={strokes.length === 0}
        onClick={() => {
          setStrokes([]);
          onChange(null);
        }}
      >
        Clear signature
      </Button>
    </div>
  );
}
